/** The scoring profile form (lazy-loaded: most sessions never open it). */
import * as React from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import { DEFAULT_PROFILE, ProfileOverrides, resolveProfile } from "../core";
import { Strings, profileRefusal } from "./i18n";

export interface SettingsProps {
  strings: Strings;
  initial: ProfileOverrides;
  /**
   * Saves the profile. Resolves to null when saved, or, when the engine refused it (scoring-spec §5), to
   * its one line naming the field: the form says why in the pane's words (and again after a language
   * switch) and marks the field.
   */
  onSave: (p: ProfileOverrides) => Promise<string | null>;
  onReset: () => void;
}

const WEIGHTS: [keyof Strings, string][] = [
  ["weightBudget", "budget"],
  ["weightOutput", "产出指标"],
  ["weightEffect", "效益指标"],
  ["weightSatisfaction", "满意度指标"],
];

export default function Settings({ strings, initial, onSave, onReset }: SettingsProps) {
  const start = React.useMemo(() => {
    try {
      return resolveProfile(initial);
    } catch {
      return resolveProfile({});
    }
  }, [initial]);
  const [name, setName] = React.useState(start.name);
  const [weights, setWeights] = React.useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(start.weights).map(([k, v]) => [k, String(v)]))
  );
  const [reverseRule, setReverseRule] = React.useState(start.reverseRule);
  const [over, setOver] = React.useState(String(start.overAchievement));
  const [decimals, setDecimals] = React.useState(String(start.decimals));
  const [hiddenRows, setHiddenRows] = React.useState(start.hiddenRows);
  const [tolerance, setTolerance] = React.useState(String(start.reviewTolerance));
  // Why the last save was refused (the field it names is marked); cleared by a save that goes through.
  const [refused, setRefused] = React.useState<string | null>(null);
  const refusal = refused === null ? null : profileRefusal(strings, refused);

  const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
  const save = async () => {
    const p: ProfileOverrides = {
      name,
      weights: Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, num(v)])),
      reverseRule,
      overAchievement: num(over),
      decimals: num(decimals),
      hiddenRows,
      reviewTolerance: num(tolerance),
      // Settings the form has no field for are kept as the workbook had them.
      ...(initial.bands ? { bands: initial.bands } : {}),
      ...(initial.grades ? { grades: initial.grades } : {}),
    };
    setRefused(await onSave(p));
  };
  const reset = () => {
    const d = DEFAULT_PROFILE;
    setName(d.name);
    setWeights(Object.fromEntries(Object.entries(d.weights).map(([k, v]) => [k, String(v)])));
    setReverseRule(d.reverseRule);
    setOver(String(d.overAchievement));
    setDecimals(String(d.decimals));
    setHiddenRows(d.hiddenRows);
    setTolerance(String(d.reviewTolerance));
    setRefused(null);
    onReset();
  };
  // A field the refusal names (a weight refused as a whole marks every weight).
  const wrong = (field: string): "error" | undefined =>
    refusal?.field && (refusal.field === field || field.startsWith(`${refusal.field}.`))
      ? "error"
      : undefined;

  return (
    <form
      className="settings"
      aria-label={strings.settings}
      // The engine checks the profile (scoring-spec §5) and the form says why it refused it: the browser's
      // own checks (a number's step or range) would block the save with a tooltip in its own words instead.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {refusal ? (
        <Text role="alert" className="settings-refused" data-testid="settings-refused">
          {refusal.text}
        </Text>
      ) : null}
      <Field label={strings.profileName} validationState={wrong("name")}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      {WEIGHTS.map(([label, key]) => (
        <Field key={key} label={strings[label] as string} validationState={wrong(`weights.${key}`)}>
          <Input
            type="number"
            value={weights[key] ?? ""}
            onChange={(_, d) => setWeights((w) => ({ ...w, [key]: d.value }))}
          />
        </Field>
      ))}
      <Field label={strings.reverseRule}>
        <Select
          value={reverseRule}
          onChange={(_, d) => setReverseRule(d.value === "ratio" ? "ratio" : "linear")}
        >
          <option value="linear">{strings.reverseLinear}</option>
          <option value="ratio">{strings.reverseRatio}</option>
        </Select>
      </Field>
      <Field label={strings.overAchievement} validationState={wrong("overAchievement")}>
        <Input type="number" value={over} onChange={(_, d) => setOver(d.value)} step="any" />
      </Field>
      <Field label={strings.decimals} validationState={wrong("decimals")}>
        <Input type="number" value={decimals} onChange={(_, d) => setDecimals(d.value)} />
      </Field>
      <Field label={strings.hiddenRows}>
        <Select
          value={hiddenRows}
          onChange={(_, d) => setHiddenRows(d.value === "include" ? "include" : "skip")}
        >
          <option value="skip">{strings.hiddenSkip}</option>
          <option value="include">{strings.hiddenInclude}</option>
        </Select>
      </Field>
      <Field label={strings.reviewTolerance} validationState={wrong("reviewTolerance")}>
        <Input
          type="number"
          value={tolerance}
          onChange={(_, d) => setTolerance(d.value)}
          step="any"
        />
      </Field>
      <div className="settings-actions">
        <Button appearance="primary" type="submit">
          {strings.save}
        </Button>
        <Button onClick={reset}>{strings.reset}</Button>
      </div>
    </form>
  );
}
