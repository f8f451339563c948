import type { Scenario } from '@arsenal/shared';
import { metricValueText, objectiveSpec, productUnit, targetText } from '@arsenal/shared';
import type { Formatters } from '../i18n/format.ts';

/** An objective as a view carries it. */
interface Status {
  id: string;
  op: '>=' | '<=' | '>' | '<';
  target: number;
  value: number;
}

/**
 * A team's objectives in human units (€, %, counts, months), by the shared rule the report uses too:
 * the metric comes from the scenario; without it, the bare figure.
 */
export function objectiveWords(fmt: Formatters, scenario: Scenario | null, team: string) {
  const metric = (o: Status) => (scenario ? objectiveSpec(scenario, team, o.id)?.metric : undefined);
  return {
    value: (o: Status) => {
      const m = metric(o);
      return m ? metricValueText(fmt, m.kind, o.value) : fmt.figure(o.value);
    },
    target: (o: Status) => {
      const m = metric(o);
      return m && scenario
        ? targetText(fmt, { ...o, metric: m }, productUnit(scenario, m))
        : `${o.op} ${fmt.figure(o.target)}`;
    },
  };
}
