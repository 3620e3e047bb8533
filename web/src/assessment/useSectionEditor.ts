import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { pathway, type SectionView } from '../pathwayApi';
import { cleanContent, sectionProblem, type Content } from './rules';

/** How long typing must pause before a section is sent. */
export const saveDelayMs = 800;

type Author = SectionView['author'];

export type Conflict = { content: Content; author: Author | null; updatedAt: string | null; version: number };

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'waiting'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

type Draft = { content: Content; baseVersion: number; typedAt: string };

export const draftKey = (assessmentId: string, section: string) => `caretrust.assessment-draft.${assessmentId}.${section}`;

function readDraft(assessmentId: string, section: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(draftKey(assessmentId, section));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && typeof d === 'object' && d.content && typeof d.content === 'object' ? d : null;
  } catch {
    return null;
  }
}

function writeDraft(assessmentId: string, section: string, draft: Draft): void {
  try {
    window.localStorage.setItem(draftKey(assessmentId, section), JSON.stringify(draft));
  } catch {
    // Storage full or refused: the save to the server still goes ahead.
  }
}

function dropDraft(assessmentId: string, section: string): void {
  try {
    window.localStorage.removeItem(draftKey(assessmentId, section));
  } catch {
    // Nothing to do.
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/** Text fields of both versions side by side in one: mine first, then theirs where they differ. */
export function mergeTexts(mine: Content, theirs: Content): Content {
  const out: Content = { ...theirs, ...mine };
  for (const [k, t] of Object.entries(theirs)) {
    const m = mine[k];
    if (typeof t === 'string' && typeof m === 'string' && t.trim() && m.trim() !== t.trim() && !m.includes(t.trim())) {
      out[k] = `${m.trim()}\n\n${t.trim()}`;
    } else if (Array.isArray(t) && Array.isArray(m) && t.every((x) => typeof x === 'string') && m.every((x) => typeof x === 'string')) {
      out[k] = [...new Set([...(m as string[]), ...(t as string[])])];
    }
  }
  return out;
}

/**
 * One section of the shared assessment, saved as it is typed: every change goes to this device's
 * storage at once (so a reload, a closed tab or an ended session loses nothing), and to the server
 * when typing pauses, with the version last read. A newer version from someone else is shown for
 * the practitioner to merge, never overwritten silently.
 */
export function useSectionEditor(opts: {
  assessmentId: string;
  section: string;
  server: SectionView | undefined;
  readOnly: boolean;
  onSaved: (saved: { assessmentVersion: number }) => void;
}) {
  const { assessmentId, section, readOnly } = opts;
  const onSavedRef = useRef(opts.onSaved);
  onSavedRef.current = opts.onSaved;

  const [initial] = useState(() => {
    const serverContent = (opts.server?.content ?? {}) as Content;
    const serverVersion = opts.server?.version ?? 0;
    const draft = readOnly ? null : readDraft(assessmentId, section);
    if (draft && !same(draft.content, serverContent)) {
      return { content: draft.content, version: Math.min(draft.baseVersion, serverVersion), restored: draft.typedAt };
    }
    if (draft) dropDraft(assessmentId, section);
    return { content: serverContent, version: serverVersion, restored: null as string | null };
  });

  const [content, setContent] = useState<Content>(initial.content);
  const [author, setAuthor] = useState<Author | null>(opts.server?.author ?? null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(opts.server?.updatedAt ?? null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(initial.restored);

  const contentRef = useRef(content);
  const versionRef = useRef(initial.version);
  const conflictRef = useRef<Conflict | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const save = useCallback(async (): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (readOnly || conflictRef.current) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const sent = contentRef.current;
    const problem = sectionProblem(section, sent);
    if (problem) {
      setStatus({ kind: 'waiting', message: problem });
      return;
    }
    inFlight.current = true;
    const sentVersion = versionRef.current;
    setStatus({ kind: 'saving' });
    try {
      const saved = await pathway.saveSection(assessmentId, section, { content: cleanContent(section, sent), version: versionRef.current });
      versionRef.current = saved.version;
      if (!mounted.current) return;
      setAuthor(saved.author);
      setUpdatedAt(saved.updatedAt);
      setRestoredAt(null);
      if (same(contentRef.current, sent)) dropDraft(assessmentId, section);
      else writeDraft(assessmentId, section, { content: contentRef.current, baseVersion: saved.version, typedAt: new Date().toISOString() });
      setStatus({ kind: 'saved', at: saved.updatedAt });
      onSavedRef.current({ assessmentVersion: saved.assessmentVersion });
    } catch (error) {
      if (!mounted.current) return;
      if (error instanceof ApiError && error.status === 409 && typeof error.body.currentVersion === 'number') {
        const current = error.body.current as { content?: Content; author?: Author; updatedAt?: string } | undefined;
        if (!current) {
          // Nobody has saved it after all (version 0 expected): send it again as the first version.
          if (error.body.currentVersion !== sentVersion) {
            versionRef.current = error.body.currentVersion;
            again.current = true;
          } else setStatus({ kind: 'error', message: error.message });
        } else {
          const c: Conflict = {
            content: current.content ?? {},
            author: current.author ?? null,
            updatedAt: current.updatedAt ?? null,
            version: error.body.currentVersion,
          };
          if (same(cleanContent(section, sent), c.content)) {
            // They saved exactly what is here: nothing to merge.
            versionRef.current = c.version;
            dropDraft(assessmentId, section);
            setAuthor(c.author);
            setUpdatedAt(c.updatedAt);
            setStatus({ kind: 'saved', at: c.updatedAt ?? new Date().toISOString() });
          } else {
            conflictRef.current = c;
            setConflict(c);
            setStatus({ kind: 'conflict' });
          }
        }
      } else if (error instanceof ApiError && (error.status === 400 || error.status === 403 || error.status === 409)) {
        setStatus({ kind: 'waiting', message: error.message });
      } else if (error instanceof ApiError && error.status === 401) {
        // The session ended: the draft is on this device and comes back after signing in again.
        setStatus({ kind: 'error', message: 'Your session has ended. What you typed is kept on this device.' });
      } else {
        const message = error instanceof ApiError ? error.message : 'Not saved.';
        setStatus({ kind: 'error', message: `${message} What you typed is kept on this device; Caretrust will try again.` });
        timer.current = setTimeout(() => void save(), 5_000);
      }
    } finally {
      inFlight.current = false;
      if (again.current && mounted.current) {
        again.current = false;
        void save();
      }
    }
  }, [assessmentId, section, readOnly]);

  const change = useCallback(
    (next: Content) => {
      if (readOnly) return;
      contentRef.current = next;
      setContent(next);
      setRestoredAt(null);
      writeDraft(assessmentId, section, { content: next, baseVersion: versionRef.current, typedAt: new Date().toISOString() });
      if (conflictRef.current) return;
      setStatus({ kind: 'pending' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), saveDelayMs);
    },
    [assessmentId, section, readOnly, save],
  );

  const resolve = useCallback(
    (how: 'mine' | 'theirs' | 'merge') => {
      const c = conflictRef.current;
      if (!c) return;
      conflictRef.current = null;
      setConflict(null);
      versionRef.current = c.version;
      setAuthor(c.author);
      setUpdatedAt(c.updatedAt);
      if (how === 'theirs') {
        contentRef.current = c.content;
        setContent(c.content);
        dropDraft(assessmentId, section);
        setStatus({ kind: 'saved', at: c.updatedAt ?? new Date().toISOString() });
        return;
      }
      const next = how === 'merge' ? mergeTexts(contentRef.current, c.content) : contentRef.current;
      contentRef.current = next;
      setContent(next);
      writeDraft(assessmentId, section, { content: next, baseVersion: c.version, typedAt: new Date().toISOString() });
      if (how === 'mine') void save();
      else setStatus({ kind: 'waiting', message: 'Check the merged text, then save it.' });
    },
    [assessmentId, section, save],
  );

  const discardRestored = useCallback(() => {
    const serverContent = (opts.server?.content ?? {}) as Content;
    contentRef.current = serverContent;
    versionRef.current = opts.server?.version ?? 0;
    setContent(serverContent);
    setRestoredAt(null);
    dropDraft(assessmentId, section);
    setStatus({ kind: 'idle' });
  }, [assessmentId, section, opts.server]);

  return { content, change, save, status, conflict, resolve, author, updatedAt, restoredAt, discardRestored };
}
