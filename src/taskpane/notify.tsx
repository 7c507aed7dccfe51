/**
 * notify: one message at a time in a Fluent MessageBar (replaces office-js-helpers' UI.notify).
 * Text is rendered as React text, never as HTML.
 * A notice is kept as the way to word it, not as words: switching the pane's language re-words the
 * message on show, instead of leaving the last one in the language it was made in.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { Lang } from "./i18n";

export type NoticeIntent = "success" | "info" | "warning" | "error";

export interface Notice {
  intent: NoticeIntent;
  text: (lang: Lang) => string;
}

export function useNotify(): {
  notice: Notice | null;
  notify: (intent: NoticeIntent, text: (lang: Lang) => string) => void;
  dismiss: () => void;
} {
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const notify = React.useCallback(
    (intent: NoticeIntent, text: (lang: Lang) => string) => setNotice({ intent, text }),
    []
  );
  const dismiss = React.useCallback(() => setNotice(null), []);
  return { notice, notify, dismiss };
}

export function NoticeBar({
  notice,
  lang,
  onDismiss,
  closeLabel,
}: {
  notice: Notice | null;
  lang: Lang;
  onDismiss: () => void;
  closeLabel: string;
}) {
  if (!notice) return null;
  return (
    <MessageBar
      intent={notice.intent}
      role={notice.intent === "error" ? "alert" : "status"}
      data-testid="notice"
      data-intent={notice.intent}
    >
      <MessageBarBody>{notice.text(lang)}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" size="small" aria-label={closeLabel} onClick={onDismiss}>
            ×
          </Button>
        }
      />
    </MessageBar>
  );
}
