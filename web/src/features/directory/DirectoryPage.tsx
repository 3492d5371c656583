/**
 * 市场主体库: one search box over the local copy of the directory (as-you-type, ranked: 汉字, pinyin,
 * initials, USCC prefix; offline), the chosen entity's details, whether it already has a file, and
 * 纳入服务. The user's own files that match are listed first. Coordinators and admins also get the link
 * to the import page.
 */
import { For, Show, createResource, createSignal, type JSX } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import type { SearchHit } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { creationAssignment } from '../../state/assignment.ts';
import { mayImportDirectory, mayReadDirectory } from '../../state/directory.ts';
import type { DirectoryRecord } from '../../storage/db.ts';
import { promoteEntity } from './promote.ts';
import { s } from './strings.ts';
import './directory.css';

const RESULT_LIMIT = 50;
const FILE_LIMIT = 5;

/** The text with [start, end) marked. */
function Marked(props: { text: string; range: [number, number] | null }): JSX.Element {
  return (
    <Show when={props.range} fallback={props.text}>
      {(r) => (
        <>
          {props.text.slice(0, r()[0])}
          <mark>{props.text.slice(r()[0], r()[1])}</mark>
          {props.text.slice(r()[1])}
        </>
      )}
    </Show>
  );
}

export function DirectoryStatus(): JSX.Element {
  const { directory, search } = useApp();
  return (
    <p class="directory-status" data-testid="directory-status" data-count={directory.localCount()} data-phase={directory.pullState().phase} data-indexed={search.indexing() === null ? '1' : '0'}>
      {(() => {
        const pull = directory.pullState();
        const indexing = search.indexing();
        if (pull.phase === 'pulling') return s.pulling(pull.done, pull.total);
        if (indexing) return s.indexing(indexing.done, indexing.total);
        if (pull.phase === 'failed') return s.pullFailed;
        return directory.localCount() > 0 ? s.localRows(directory.localCount()) : s.localEmpty;
      })()}
    </p>
  );
}

export function DirectoryPage(): JSX.Element {
  const { auth, directory, search, docs } = useApp();
  const navigate = useNavigate();
  const [query, setQuery] = createSignal('');
  const [selected, setSelected] = createSignal<DirectoryRecord | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [results] = createResource(
    () => ({ q: query().trim(), v: search.directoryVersion() }),
    ({ q }) => (q === '' ? Promise.resolve(null) : search.searchDirectory(q, RESULT_LIMIT)),
  );

  // Files first: one search box finds the user's own files and the whole directory.
  const fileHits = () => {
    const q = query().trim();
    if (q === '') return null;
    const found = search.searchFiles(q, FILE_LIMIT);
    return found.total > 0 ? found : null;
  };

  const promote = async (entity: DirectoryRecord) => {
    if (busy()) return;
    setBusy(true);
    setFailed(false);
    try {
      const p = auth.principal();
      const id = await promoteEntity(docs, entity, p?.userId ?? 'unknown', creationAssignment(p));
      navigate(`/enterprises/${id}`);
    } catch (err) {
      console.error('[directory] promote', err);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const row = (entity: DirectoryRecord, hit: SearchHit) => {
    const file = () => search.fileByUscc(entity.uscc);
    return (
      <li
        class="directory-row"
        classList={{ selected: selected()?.uscc === entity.uscc }}
        data-testid="directory-row"
        data-uscc={entity.uscc}
        data-kind={hit.kind}
        onClick={() => setSelected(entity)}
      >
        <span class="directory-name">
          <Marked text={entity.name} range={hit.kind === 'uscc' ? null : hit.range} />
        </span>
        <Show when={file()}>
          <span class="badge" data-testid="directory-is-file">
            {s.isFile}
          </span>
        </Show>
        <span class="directory-meta">
          <Marked text={entity.uscc} range={hit.kind === 'uscc' ? hit.range : null} />
          {entity.town ? ` · ${entity.town}` : ''}
          {entity.status ? ` · ${entity.status}` : ''}
        </span>
      </li>
    );
  };

  return (
    <section class="directory-page" data-testid="directory-page">
      <div class="directory-head">
        <h1>{s.title}</h1>
        <Show when={mayImportDirectory(auth.principal())}>
          <A href="/directory/import" class="button" data-testid="directory-import-link">
            {s.importLink}
          </A>
        </Show>
      </div>
      <Show when={mayReadDirectory(auth.principal()) && directory.pullState().phase !== 'forbidden'} fallback={<p class="empty">{s.noAccess}</p>}>
        <DirectoryStatus />
        <input
          type="search"
          class="directory-search"
          data-testid="directory-search"
          placeholder={s.searchPlaceholder}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          autocomplete="off"
        />
        <div class="directory-body">
          <div class="directory-results">
            <Show when={fileHits()}>
              {(f) => (
                <div class="directory-files" data-testid="directory-files">
                  <p class="directory-count">{s.filesTitle}</p>
                  <ul class="directory-list">
                    <For each={f().rows}>
                      {(file, i) => (
                        <li class="directory-row" data-testid="directory-file-row" data-id={file.id}>
                          <A href={`/enterprises/${file.id}`} class="directory-name">
                            <Marked text={file.name} range={f().hits[i()]!.kind === 'uscc' ? null : f().hits[i()]!.range} />
                          </A>
                          <span class="directory-meta">
                            {file.uscc}
                            {file.town ? ` · ${file.town}` : ''}
                          </span>
                        </li>
                      )}
                    </For>
                  </ul>
                  <Show when={f().total > f().rows.length}>
                    <p class="directory-count">{s.moreFiles(f().total - f().rows.length)}</p>
                  </Show>
                </div>
              )}
            </Show>
            <Show when={results()}>
              {(r) => (
                <>
                  <p class="directory-count" data-testid="directory-count" data-total={r().total}>
                    {fileHits() ? `${s.directoryTitle} · ` : ''}
                    {r().total === 0 ? s.noMatch : s.searchCount(r().entities.length, r().total)}
                  </p>
                  <ul class="directory-list">
                    <For each={r().entities}>{(entity, i) => row(entity, r().hits[i()]!)}</For>
                  </ul>
                </>
              )}
            </Show>
          </div>
          <Show when={selected()}>
            {(entity) => {
              const file = () => search.fileByUscc(entity().uscc);
              const fields: [string, () => string][] = [
                [s.fieldUscc, () => entity().uscc],
                [s.fieldName, () => entity().name],
                [s.fieldFormerNames, () => entity().formerNames.join('；')],
                [s.fieldLegalRep, () => entity().legalRep],
                [s.fieldAddress, () => entity().address],
                [s.fieldEstablishedOn, () => entity().establishedOn],
                [s.fieldCapital, () => entity().registeredCapital],
                [s.fieldIndustry, () => entity().industry],
                [s.fieldTown, () => entity().town],
                [s.fieldStatus, () => entity().status],
              ];
              return (
                <aside class="directory-detail" data-testid="directory-detail" data-uscc={entity().uscc}>
                  <h2>{entity().name}</h2>
                  <dl>
                    <For each={fields}>
                      {([label, value]) => (
                        <Show when={value()}>
                          <dt>{label}</dt>
                          <dd>{value()}</dd>
                        </Show>
                      )}
                    </For>
                  </dl>
                  <Show
                    when={file()}
                    fallback={
                      <button type="button" class="primary" data-testid="directory-promote" disabled={busy()} onClick={() => void promote(entity())}>
                        {busy() ? s.promoting : s.promote}
                      </button>
                    }
                  >
                    {(f) => (
                      <A href={`/enterprises/${f().id}`} class="button" data-testid="directory-open-file">
                        {s.openFile}
                      </A>
                    )}
                  </Show>
                  <Show when={failed()}>
                    <p class="error" role="alert">
                      {s.promoteFailed}
                    </p>
                  </Show>
                </aside>
              );
            }}
          </Show>
        </div>
      </Show>
    </section>
  );
}
