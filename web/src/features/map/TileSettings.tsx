/** The tile source setting of this device: a template URL, the default, or no tiles. */
import { createSignal, Show } from 'solid-js';
import { m } from './strings.ts';
import { DEFAULT_TILES, isTileTemplate, writeTiles } from './tiles.ts';

export function TileSettings(props: { value: string; onChange: (template: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const [draft, setDraft] = createSignal(props.value);
  const [error, setError] = createSignal(false);
  const apply = (template: string) => {
    writeTiles(localStorage, template);
    props.onChange(template);
    setError(false);
    setOpen(false);
  };
  return (
    <div class="tile-settings">
      <button type="button" class="link-button" data-testid="tiles-open" onClick={() => { setDraft(props.value); setOpen(!open()); }}>
        {m.tilesSettings}
      </button>
      <Show when={open()}>
        <form
          class="tile-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!isTileTemplate(draft())) setError(true);
            else apply(draft().trim());
          }}
        >
          <label>
            {m.tilesLabel}
            <input data-testid="tiles-url" value={draft()} onInput={(e) => setDraft(e.currentTarget.value)} placeholder={DEFAULT_TILES} />
          </label>
          <p class="muted small">{m.tilesHint}</p>
          <Show when={error()}>
            <p class="tile-error small" role="alert">{m.tilesInvalid}</p>
          </Show>
          <div class="tile-actions">
            <button type="submit" class="primary">{m.tilesSave}</button>
            <button type="button" onClick={() => apply(DEFAULT_TILES)}>{m.tilesDefault}</button>
            <button type="button" data-testid="tiles-none" onClick={() => apply('')}>{m.tilesNone}</button>
          </div>
        </form>
      </Show>
    </div>
  );
}
