import type { Product, Scenario, Template } from '../schema/scenario.ts';

/**
 * Which template can make which product at which plant: the one rule the order checks, the scenario
 * checker, the bots and the client's order form all use.
 */

/** Whether a line built or converted with `tpl` can make `product` (named, or of a named class). */
export function templateMakes(tpl: Template, product: Product): boolean {
  return tpl.makes.products.includes(product.id) || tpl.makes.classes.includes(product.class);
}

/** Whether `tpl` applies to a plant of type `plantType` (an empty list means any plant). */
export function templateFitsPlant(tpl: Template, plantType: string): boolean {
  return tpl.plantTypes.length === 0 || tpl.plantTypes.includes(plantType);
}

/** Conversion templates retool a line; the others (expansion, greenfield) add capacity. */
export type TemplateUse = 'conversion' | 'capacity';

const usedFor = (tpl: Template, use: TemplateUse) =>
  use === 'conversion' ? tpl.kind === 'conversion' : tpl.kind !== 'conversion';

/**
 * Templates for `use` that fit the plant type and can make the product (either left out = no filter),
 * fastest first (lead + qualification months), then in file order.
 */
export function templatesFor(
  s: Scenario,
  use: TemplateUse,
  where: { plantType?: string; product?: string; kind?: Template['kind'] } = {},
): Template[] {
  const product = where.product === undefined ? undefined : s.products.find((p) => p.id === where.product);
  if (where.product !== undefined && !product) return [];
  return s.templates
    .filter(
      (t) =>
        usedFor(t, use) &&
        (where.kind === undefined || t.kind === where.kind) &&
        (where.plantType === undefined || templateFitsPlant(t, where.plantType)) &&
        (!product || templateMakes(t, product)),
    )
    .map((t, i) => ({ t, i, months: t.leadMonths + t.qualificationMonths }))
    .sort((a, b) => a.months - b.months || a.i - b.i)
    .map((x) => x.t);
}

/** Products a template can make, in file order. */
export function productsOf(s: Scenario, tpl: Template): Product[] {
  return s.products.filter((p) => templateMakes(tpl, p));
}

/** What a line makes, for an expansion of it: its product, or the one it is being converted to. */
export const lineProduct = (line: { product: string | null; target: string | null }): string | null =>
  line.product ?? line.target;

/**
 * Products an investment with `tpl` may name: those the template can make and, for an expansion of
 * `line`, only the line's own (`lineProduct`); the rules the invest order checks
 * (`order/template_cannot_make`, `order/template_mismatch`), for the client's order form.
 */
export function investProducts(
  s: Scenario,
  tpl: Template,
  line?: { product: string | null; target: string | null },
): Product[] {
  const made = productsOf(s, tpl);
  if (tpl.kind !== 'expansion' || !line) return made;
  const own = lineProduct(line);
  return made.filter((p) => p.id === own);
}
