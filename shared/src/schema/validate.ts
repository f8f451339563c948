import { zodIssues, type Issue } from '../util/issues.ts';
import { parseBoundedYaml, SCENARIO_BOUNDS } from './bounds.ts';
import { templateFitsPlant, templateMakes } from '../engine/templates.ts';
import { ONE_SHOT_EFFECTS, scenarioSchema, type Inject, type Metric, type Scenario } from './scenario.ts';

/** One thing wrong with a scenario file: a dotted path into it (`plants.0.lines.1.product`) and why. */
export type ScenarioError = Issue;

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/**
 * Parse scenario text, YAML or JSON (JSON is YAML), then validate shape and references. Text beyond
 * the bounds of `SCENARIO_BOUNDS` (size, lines, keys, items, depth) is refused before it is parsed
 * whole, in time linear in its length.
 */
export function parseScenarioText(text: string): ScenarioResult {
  const parsed = parseBoundedYaml(text, SCENARIO_BOUNDS);
  return parsed.ok ? parseScenario(parsed.data) : { ok: false, errors: [parsed.error] };
}

/** Validate an already-parsed scenario object: shape first, then the cross-references. */
export function parseScenario(data: unknown): ScenarioResult {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error) };
  const errors = checkReferences(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, scenario: parsed.data };
}

function duplicates(items: readonly { id: string }[], path: string, errors: ScenarioError[]): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) errors.push({ path: `${path}.${i}.id`, message: `id "${item.id}" is used twice` });
    seen.add(item.id);
  });
  return seen;
}

/**
 * Ids the protocol itself uses (message recipients, seat names): a team with one of them would be
 * confused with the White Cell, every team, or a non-team seat.
 */
export const RESERVED_IDS = ['facilitator', 'all', 'observer', 'display', 'system', 'bot'] as const;

/** Checks beyond shape: every id referenced exists, curves are sane, bands are ordered. */
export function checkReferences(s: Scenario): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const teams = duplicates(s.teams, 'teams', errors);
  s.teams.forEach((t, i) => {
    if ((RESERVED_IDS as readonly string[]).includes(t.id))
      err(`teams.${i}.id`, `"${t.id}" is reserved by the protocol; choose another team id`);
  });
  const products = duplicates(s.products, 'products', errors);
  const components = duplicates(s.components, 'components', errors);
  const plants = duplicates(s.plants, 'plants', errors);
  const templates = duplicates(s.templates, 'templates', errors);
  const fronts = duplicates(s.fronts, 'fronts', errors);
  duplicates(s.injects, 'injects', errors);
  duplicates(s.kpis, 'kpis', errors);
  const sources = new Set(s.sources.map((x) => x.id));
  for (const c of s.components)
    if (products.has(c.id)) err(`components`, `id "${c.id}" is both a product and a component`);
  const lineIds = new Set<string>();

  const need = (set: Set<string>, value: string | undefined, path: string, what: string) => {
    if (value !== undefined && !set.has(value)) err(path, `unknown ${what} "${value}"`);
  };
  const refs = (list: readonly string[] | undefined, path: string) =>
    list?.forEach((r, i) => need(sources, r, `${path}.cite.${i}`, 'source'));
  const checkMetric = (m: Metric, path: string) => {
    if ('team' in m) need(teams, m.team, `${path}.team`, 'team');
    if ('front' in m) need(fronts, m.front, `${path}.front`, 'front');
    if ('product' in m) need(products, m.product, `${path}.product`, 'product');
    if (m.kind === 'productShare') m.of.forEach((p, i) => need(products, p, `${path}.of.${i}`, 'product'));
  };

  if (!s.teams.some((t) => t.kind !== 'adversary'))
    err('teams', 'at least one team must be on the Blue side');
  s.teams.forEach((t, i) =>
    t.objectives.forEach((o, j) => {
      checkMetric(o.metric, `teams.${i}.objectives.${j}.metric`);
      o.also?.forEach((c, k) => checkMetric(c.metric, `teams.${i}.objectives.${j}.also.${k}.metric`));
    }),
  );
  const item = (value: string, path: string) => {
    if (!products.has(value) && !components.has(value)) err(path, `unknown component or product "${value}"`);
  };
  s.teams.forEach((t, i) => {
    for (const key of Object.keys(t.stock ?? {})) item(key, `teams.${i}.stock.${key}`);
    for (const key of Object.keys(t.abroad?.stock ?? {})) item(key, `teams.${i}.abroad.stock.${key}`);
    if ((t.stock || t.abroad) && t.kind === 'adversary')
      err(`teams.${i}.${t.stock ? 'stock' : 'abroad'}`, 'the adversary holds no stock in the game');
  });

  s.products.forEach((p, i) => {
    refs(p.cite, `products.${i}`);
    p.bom.forEach((b, j) => {
      if (!products.has(b.item) && !components.has(b.item))
        err(`products.${i}.bom.${j}.item`, `unknown component or product "${b.item}"`);
      if (b.item === p.id) err(`products.${i}.bom.${j}.item`, 'a product cannot consume itself');
    });
    const e = p.effectByEw;
    for (let k = 1; k < e.length; k++)
      if ((e[k] ?? 0) > (e[k - 1] ?? 0))
        err(`products.${i}.effectByEw.${k}`, 'effect must not grow with EW level');
  });

  s.components.forEach((c, i) => refs(c.cite, `components.${i}`));

  s.plants.forEach((p, i) => {
    need(teams, p.owner, `plants.${i}.owner`, 'team');
    p.lines.forEach((l, j) => {
      const path = `plants.${i}.lines.${j}`;
      if (lineIds.has(`${p.id}/${l.id}`)) err(`${path}.id`, `line id "${l.id}" is used twice in this plant`);
      lineIds.add(`${p.id}/${l.id}`);
      need(products, l.product ?? undefined, `${path}.product`, 'product');
      need(templates, l.template, `${path}.template`, 'template');
      const producing = ['rate', 'ramp', 'starved', 'qualifying', 'retooling'].includes(l.state);
      if (producing && l.product === null)
        err(`${path}.product`, `a line in state "${l.state}" needs a product`);
      if (l.state === 'ramp' && !l.template) err(`${path}.template`, 'a ramping line needs its template');
      const tpl = l.template ? s.templates.find((t) => t.id === l.template) : undefined;
      const made = l.product ? s.products.find((x) => x.id === l.product) : undefined;
      if (tpl && made && !templateMakes(tpl, made))
        err(`${path}.template`, `template "${tpl.id}" cannot make "${made.id}" (see templates.*.makes)`);
      if (tpl && !templateFitsPlant(tpl, p.type))
        err(`${path}.template`, `template "${tpl.id}" does not apply to a ${p.type} plant`);
    });
  });

  duplicates(s.sites, 'sites', errors);
  s.sites.forEach((site, i) => {
    refs(site.cite, `sites.${i}`);
    if (plants.has(site.id)) err(`sites.${i}.id`, `id "${site.id}" is also a plant's id`);
    need(teams, site.owner, `sites.${i}.owner`, 'team');
    const owner = s.teams.find((t) => t.id === site.owner);
    if (owner && owner.kind !== 'industry')
      err(`sites.${i}.owner`, `only an industry team can build a plant (${owner.id} is ${owner.kind})`);
    if (!s.templates.some((t) => t.kind === 'greenfield' && templateFitsPlant(t, site.type)))
      err(`sites.${i}.type`, `no greenfield template applies to a ${site.type} plant`);
  });

  s.templates.forEach((t, i) => {
    refs(t.cite, `templates.${i}`);
    // Classes are free labels (as in effects), so a shared template may name one this scenario lacks;
    // but a template must make at least one of this scenario's products.
    t.makes.products.forEach((p, j) => need(products, p, `templates.${i}.makes.products.${j}`, 'product'));
    if (!s.products.some((p) => templateMakes(t, p)))
      err(
        `templates.${i}.makes`,
        'a template must name the products or product classes it can make, at least one in this scenario',
      );
    const ramp = t.ramp;
    if (Array.isArray(ramp)) {
      ramp.forEach((r, k) => {
        if (k > 0 && r < (ramp[k - 1] ?? 0)) err(`templates.${i}.ramp.${k}`, 'a ramp curve must not go down');
      });
      if (ramp[ramp.length - 1] !== 1) err(`templates.${i}.ramp`, 'a ramp curve must end at 1 (full rate)');
    }
  });

  s.fronts.forEach((f, i) => {
    refs(f.cite, `fronts.${i}`);
    const { value, min, max } = f.territory;
    if (!(min <= value && value <= max))
      err(`fronts.${i}.territory`, 'territory value must lie between min and max');
    f.demand.forEach((d, j) => need(products, d.product, `fronts.${i}.demand.${j}.product`, 'product'));
    if (f.ewLevel > s.rules.ewLevelMax) err(`fronts.${i}.ewLevel`, `EW level is above rules.ewLevelMax`);
  });

  // Who may outbid for an offer open to rival bids: an adversary team, or rival buyers (rivalBid).
  const allEffects = s.injects.flatMap((inj) => [
    ...inj.effects,
    ...(inj.options ?? []).flatMap((o) => o.effects),
  ]);
  const openToRivals = allEffects.flatMap((e) =>
    e.type === 'marketOffer' && e.rivalBids ? [e.product] : [],
  );
  const hasRival = (product: string) =>
    s.teams.some((t) => t.kind === 'adversary') ||
    allEffects.some((e) => e.type === 'rivalBid' && (e.product === undefined || e.product === product));
  s.injects.forEach((inj, i) => {
    const path = `injects.${i}`;
    refs(inj.cite, path);
    const t = inj.trigger;
    if (t.type === 'month' && t.month > s.meta.turns)
      err(`${path}.trigger.month`, `month ${t.month} is after the last turn`);
    if (t.type === 'condition') checkMetric(t.metric, `${path}.trigger.metric`);
    if (t.type === 'recurring') checkRecurrence(inj, path, s.meta.turns, err);
    if (inj.effects.length === 0 && !inj.options)
      err(`${path}.effects`, 'an inject needs effects, options to choose among, or both');
    duplicates(inj.options ?? [], `${path}.options`, errors);
    if (inj.concession) {
      need(teams, inj.concession.team, `${path}.concession.team`, 'team');
      if (s.teams.find((x) => x.id === inj.concession!.team)?.kind === 'adversary')
        err(`${path}.concession.team`, 'an adversary cannot make concessions');
    }
    const effectLists = [
      { list: inj.effects, at: `${path}.effects` },
      ...(inj.options ?? []).map((o, k) => ({ list: o.effects, at: `${path}.options.${k}.effects` })),
    ];
    for (const { list, at } of effectLists)
      list.forEach((e, j) => {
        const ep = `${at}.${j}`;
        if ('component' in e) need(components, e.component, `${ep}.component`, 'component');
        if ('product' in e) need(products, e.product, `${ep}.product`, 'product');
        if ('front' in e) need(fronts, e.front, `${ep}.front`, 'front');
        if ('team' in e) need(teams, e.team, `${ep}.team`, 'team');
        if ('plant' in e) need(plants, e.plant, `${ep}.plant`, 'plant');
        if (e.type === 'productionMultiplier' && e.unlessStock) {
          need(teams, e.unlessStock.team, `${ep}.unlessStock.team`, 'team');
          if (!products.has(e.unlessStock.item) && !components.has(e.unlessStock.item))
            err(`${ep}.unlessStock.item`, `unknown component or product "${e.unlessStock.item}"`);
        }
        if (e.type === 'marketOffer' && e.rivalBids && !hasRival(e.product))
          err(`${ep}.rivalBids`, 'no adversary team or rivalBid effect could outbid for this offer');
        if (e.type === 'rivalBid' && !openToRivals.some((p) => e.product === undefined || p === e.product))
          err(ep, 'no market offer open to rival bids (rivalBids: true) for these rivals to bid for');
        if (e.type === 'marketOffer' && e.releasePerMonth !== undefined && e.releasePerMonth > e.qty)
          err(`${ep}.releasePerMonth`, 'a release cannot exceed the quantity on offer');
        if (e.type === 'effectMultiplier' && e.untilShare) {
          need(products, e.untilShare.product, `${ep}.untilShare.product`, 'product');
          e.untilShare.of.forEach((p, k) => need(products, p, `${ep}.untilShare.of.${k}`, 'product'));
        }
      });
  });

  s.kpis.forEach((k, i) => checkMetric(k.metric, `kpis.${i}.metric`));

  const bands = s.rules.territoryBands;
  bands.forEach((b, i) => {
    const last = i === bands.length - 1;
    if (last && b.below !== null)
      err(`rules.territoryBands.${i}.below`, 'the last band must have below: null');
    if (!last && b.below === null)
      err(`rules.territoryBands.${i}.below`, 'only the last band may have below: null');
    const prev = bands[i - 1]?.below;
    if (i > 0 && b.below !== null && prev != null && b.below <= prev)
      err(`rules.territoryBands.${i}.below`, 'bands must be in ascending order');
  });
  const y = s.rules.yieldTriangular;
  if (!(y.min <= y.mode && y.mode <= y.max)) err('rules.yieldTriangular', 'needs min ≤ mode ≤ max');
  if (s.rules.strike.successAtLeast > s.rules.strike.dice * s.rules.strike.sides)
    err('rules.strike.successAtLeast', 'can never be rolled with these dice');
  return errors;
}

/**
 * A recurring inject's schedule must fit the game, and one occurrence must be over before the next
 * starts, so that its effects never stack: it lasts at most `everyMonths`, and a permanent one
 * (`durationMonths: 0`) carries one-shot effects only.
 */
function checkRecurrence(
  inj: Inject,
  path: string,
  turns: number,
  err: (path: string, message: string) => void,
): void {
  const t = inj.trigger;
  if (t.type !== 'recurring') return;
  if (t.fromMonth > turns) err(`${path}.trigger.fromMonth`, `month ${t.fromMonth} is after the last turn`);
  if (t.untilMonth !== undefined && t.untilMonth < t.fromMonth)
    err(`${path}.trigger.untilMonth`, 'the last month must not come before the first');
  if (inj.durationMonths > t.everyMonths)
    err(
      `${path}.durationMonths`,
      `an occurrence must be over before the next (at most ${t.everyMonths} months)`,
    );
  const all = [...inj.effects, ...(inj.options ?? []).flatMap((o) => o.effects)];
  const lasting = all.find((e) => !ONE_SHOT_EFFECTS.has(e.type));
  if (inj.durationMonths === 0 && lasting)
    err(
      `${path}.durationMonths`,
      `a recurring inject with a "${lasting.type}" effect needs a duration (0 would stack it every occurrence)`,
    );
}
