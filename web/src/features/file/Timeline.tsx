/** 时间线: every event of the file (fileTimeline in shared), newest first, one line each. */
import { For, Match, Show, Switch } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { dateTime } from '../../ui/strings.ts';
import { actorName } from '../assignment/strings.ts';
import { f, fieldLabel } from './strings.ts';

export function Timeline(props: { file: EnterpriseFile }) {
  const { org } = useApp();
  const who = (id: string) => actorName(id, org.userName);
  return (
    <section class="file-section" data-testid="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{f.timeline}</h2>
      <Show when={props.file.timeline().length > 0} fallback={<p class="muted small">{f.timelineEmpty}</p>}>
        <ol class="timeline">
          <For each={props.file.timeline()}>
            {(e) => (
              <li data-testid="timeline-event" data-kind={e.kind}>
                <time class="muted small">{e.kind === 'edits' ? e.day : dateTime(e.at)}</time>
                <Switch>
                  <Match when={e.kind === 'created' && e}>{(c) => <span>{f.timelineCreated(who(c().by))}</span>}</Match>
                  <Match when={e.kind === 'edits' && e}>
                    {(d) => <span>{f.timelineEdits(d().by.map(who).join('、'), d().fields.map(fieldLabel).join('、'), d().count)}</span>}
                  </Match>
                  <Match when={e.kind === 'assignment' && e}>
                    {(a) => (
                      <span>
                        {a().record.responsibleId === '' && a().record.teamId === ''
                          ? f.timelineUnassigned(who(a().by))
                          : f.timelineAssigned(
                              who(a().by),
                              [org.teamName(a().record.teamId), a().record.responsibleId && org.userName(a().record.responsibleId)].filter(Boolean).join(' · '),
                            )}
                      </span>
                    )}
                  </Match>
                  <Match when={e.kind === 'visit' && e}>
                    {(x) => (
                      <span classList={{ 'timeline-voided': x().voided }}>
                        {f.timelineVisit(x().type, x().visitors.map(who).join('、'), x().purpose)}
                      </span>
                    )}
                  </Match>
                </Switch>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
