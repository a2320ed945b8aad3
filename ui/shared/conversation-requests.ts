/**
 * What became of the requests an operator made during a chat, read from the conversation's log
 * (the same rule in the widget and the console): a file request is answered by the next file the
 * visitor sends after it — each file answers the oldest request still open — and a questionnaire
 * is answered once its `questionnaire.answered` event is in the log.
 */

/** One persisted entry of a conversation's log, as the rule needs it. */
export type RequestLogEntry =
  | { readonly seq: number; readonly kind: "file.requested" }
  | { readonly seq: number; readonly kind: "visitor.file" }
  | { readonly seq: number; readonly kind: "questionnaire.answered"; readonly questionnaireId: string };

/** What the log says about the requests. */
export interface RequestStates {
  /** Seqs of the file requests the visitor has answered with a file. */
  readonly answeredFiles: ReadonlySet<number>;
  /** Ids of the questionnaires the visitor has answered. */
  readonly answeredQuestionnaires: ReadonlySet<string>;
}

/** Folds the log (any order; sorted by seq here) into the requests' states. */
export function requestStates(entries: Iterable<RequestLogEntry>): RequestStates {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const open: number[] = [];
  const answeredFiles = new Set<number>();
  const answeredQuestionnaires = new Set<string>();
  for (const entry of sorted) {
    if (entry.kind === "file.requested") open.push(entry.seq);
    else if (entry.kind === "visitor.file") {
      const oldest = open.shift();
      if (oldest !== undefined) answeredFiles.add(oldest);
    } else answeredQuestionnaires.add(entry.questionnaireId);
  }
  return { answeredFiles, answeredQuestionnaires };
}
