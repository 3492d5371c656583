/** Tag toggles (COMMON_TAGS + any custom tag the file has) and an input to add a custom tag. */
import { For, createSignal } from 'solid-js';
import { COMMON_TAGS } from '@bangqi/shared';
import { t } from '../../ui/strings.ts';

export function TagEditor(props: { tags: string[]; setTag: (tag: string, on: boolean) => void }) {
  const [input, setInput] = createSignal('');
  const all = () => [...COMMON_TAGS, ...props.tags.filter((tag) => !(COMMON_TAGS as readonly string[]).includes(tag))];
  const add = () => {
    const tag = input().trim().slice(0, 20);
    if (tag) props.setTag(tag, true);
    setInput('');
  };
  return (
    <div class="tags">
      <div class="tag-list" role="group" aria-label={t.fieldTags}>
        <For each={all()}>
          {(tag) => {
            const on = () => props.tags.includes(tag);
            return (
              <button
                type="button"
                class="tag"
                classList={{ 'tag-on': on() }}
                data-testid={`tag-${tag}`}
                aria-pressed={on()}
                onClick={() => props.setTag(tag, !on())}
              >
                {tag}
              </button>
            );
          }}
        </For>
      </div>
      <div class="tag-add">
        <input
          type="text"
          data-testid="tag-new"
          placeholder={t.newTagPlaceholder}
          aria-label={t.newTagPlaceholder}
          enterkeyhint="done"
          value={input()}
          onInput={(e) => setInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.isComposing) {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!input().trim()}>
          {t.addTag}
        </button>
      </div>
    </div>
  );
}
