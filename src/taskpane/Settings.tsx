/** The scoring profile form (lazy-loaded: most sessions never open it). */
import * as React from "react";
import { Button, Field, Input, Select } from "@fluentui/react-components";
import { DEFAULT_PROFILE, ProfileOverrides, resolveProfile } from "../core";
import type { Strings } from "./i18n";

export interface SettingsProps {
  strings: Strings;
  initial: ProfileOverrides;
  onSave: (p: ProfileOverrides) => void;
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

  const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
  const save = () => {
    const p: ProfileOverrides = {
      name,
      weights: Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, num(v)])),
      reverseRule,
      overAchievement: num(over),
      decimals: num(decimals),
    };
    onSave(p);
  };
  const reset = () => {
    const d = DEFAULT_PROFILE;
    setName(d.name);
    setWeights(Object.fromEntries(Object.entries(d.weights).map(([k, v]) => [k, String(v)])));
    setReverseRule(d.reverseRule);
    setOver(String(d.overAchievement));
    setDecimals(String(d.decimals));
    onReset();
  };

  return (
    <form
      className="settings"
      aria-label={strings.settings}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Field label={strings.profileName}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      {WEIGHTS.map(([label, key]) => (
        <Field key={key} label={strings[label] as string}>
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
      <Field label={strings.overAchievement}>
        <Input type="number" value={over} onChange={(_, d) => setOver(d.value)} />
      </Field>
      <Field label={strings.decimals}>
        <Input type="number" value={decimals} onChange={(_, d) => setDecimals(d.value)} />
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
