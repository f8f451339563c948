import { useState } from 'react';
import type { ScenarioError } from '@arsenal/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../../ui/Field.tsx';

export interface UploadedScenario {
  text: string;
  fileName: string;
  title: string;
  language: string;
  turns: number;
  teams: { id: string; name: string; kind: string }[];
}

/**
 * A scenario file from the facilitator's disk, checked at once in the browser with the same schema
 * and reference checks the server applies; errors are listed by path (`plants.0.lines.1.product`).
 */
export function ScenarioUpload({ onChange }: { onChange: (s: UploadedScenario | null) => void }) {
  const { t, text: local } = useI18n();
  const [errors, setErrors] = useState<ScenarioError[]>([]);
  const [ok, setOk] = useState<string | null>(null);

  const read = async (file: File | undefined) => {
    setErrors([]);
    setOk(null);
    onChange(null);
    if (!file) return;
    const text = await file.text();
    const { parseScenarioText } = await import('@arsenal/shared/validate');
    const result = parseScenarioText(text);
    if (!result.ok) return setErrors(result.errors);
    const s = result.scenario;
    setOk(t('create.uploadOk', { title: local(s.meta.title), teams: s.teams.length, turns: s.meta.turns }));
    onChange({
      text,
      fileName: file.name,
      title: local(s.meta.title),
      language: s.meta.language,
      turns: s.meta.turns,
      teams: s.teams.map((x) => ({ id: x.id, name: x.name, kind: x.kind })),
    });
  };

  return (
    <div className="upload">
      <Field
        label={t('create.file')}
        hint={t('create.fileHint')}
        error={errors.length ? t('create.fileInvalid', { n: errors.length }) : null}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".yaml,.yml,.json,application/json,text/yaml"
            onChange={(e) => void read(e.target.files?.[0])}
          />
        )}
      </Field>
      {ok && (
        <p className="ok" role="status">
          {ok}
        </p>
      )}
      <ScenarioErrors errors={errors} />
    </div>
  );
}

export function ScenarioErrors({ errors }: { errors: readonly ScenarioError[] }) {
  const { t } = useI18n();
  if (!errors.length) return null;
  return (
    <div className="scenario-errors" role="alert">
      <p>{t('create.errorsTitle')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('create.errorPath')}</th>
            <th scope="col">{t('create.errorMessage')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.slice(0, 50).map((e, i) => (
            <tr key={i}>
              <td>
                <code>{e.path}</code>
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
