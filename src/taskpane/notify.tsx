/**
 * notify: one message at a time in a Fluent MessageBar (replaces office-js-helpers' UI.notify).
 * Text is rendered as React text, never as HTML.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

export type NoticeIntent = "success" | "info" | "warning" | "error";

export interface Notice {
  intent: NoticeIntent;
  text: string;
}

export function useNotify(): {
  notice: Notice | null;
  notify: (intent: NoticeIntent, text: string) => void;
  dismiss: () => void;
} {
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const notify = React.useCallback(
    (intent: NoticeIntent, text: string) => setNotice({ intent, text }),
    []
  );
  const dismiss = React.useCallback(() => setNotice(null), []);
  return { notice, notify, dismiss };
}

export function NoticeBar({
  notice,
  onDismiss,
  closeLabel,
}: {
  notice: Notice | null;
  onDismiss: () => void;
  closeLabel: string;
}) {
  if (!notice) return null;
  return (
    <MessageBar
      intent={notice.intent}
      role={notice.intent === "error" ? "alert" : "status"}
      data-testid="notice"
    >
      <MessageBarBody>{notice.text}</MessageBarBody>
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
