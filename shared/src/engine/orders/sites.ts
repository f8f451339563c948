import { ErrorCode, violation } from '../../schema/codes.ts';
import type { Order } from '../../schema/commands.ts';
import { own } from '../../util/canonical.ts';
import { leadTimeDelay } from '../effects.ts';
import { pay, say, WORLD } from '../finance.ts';
import { siteCost, siteLead, startPlant } from '../sites.ts';
import { templateFitsPlant, templateMakes } from '../templates.ts';
import type { Handler } from './plan.ts';

type Of<T extends Order['type']> = Extract<Order, { type: T }>;

/**
 * Build a new plant from scratch on one of the team's sites, with its first line (a greenfield
 * template). € = land + buildings + recruits (site) + the template's fixed cost and cost per unit of
 * monthly nameplate; the plant opens after the site's build months, the line is ready after the
 * longer of those and the template's lead (with any lead-time shock), then qualifies and ramps.
 */
export const buildPlant: Handler<Of<'buildPlant'>> = ({ s, g, ix, team, month }, o) => {
  const site = ix.sites.get(o.site);
  if (!site) return violation(ErrorCode.UnknownSite, `There is no site "${o.site}".`, 'site');
  if (site.owner !== team)
    return violation(ErrorCode.NotOwner, `${site.name} is another team's site.`, 'site');
  if (own(g.plants, o.site))
    return violation(ErrorCode.SiteTaken, `${site.name} is already built or being built.`, 'site');
  const tpl = ix.templates.get(o.template);
  if (!tpl) return violation(ErrorCode.UnknownTemplate, `There is no template "${o.template}".`, 'template');
  if (tpl.kind !== 'greenfield')
    return violation(
      ErrorCode.TemplateMismatch,
      `"${tpl.name}" is not a greenfield template: a new plant needs one.`,
      'template',
    );
  if (!templateFitsPlant(tpl, site.type))
    return violation(
      ErrorCode.TemplateMismatch,
      `"${tpl.name}" does not apply to a ${site.type} plant.`,
      'template',
    );
  const product = ix.products.get(o.product);
  if (!product) return violation(ErrorCode.UnknownProduct, `There is no product "${o.product}".`, 'product');
  if (!templateMakes(tpl, product))
    return violation(ErrorCode.TemplateCannotMake, `"${tpl.name}" cannot make ${product.name}.`, 'template');
  const cost = siteCost(s, site) + tpl.fixedCost + tpl.costPerMonthlyUnit * o.addNameplate;
  return {
    cost,
    draws: [{ kind: 'once', action: 'site', target: o.site }],
    apply: ({ g, news }) => {
      const t = g.teams[team]!;
      t.capexSubsidy -= Math.min(t.capexSubsidy, cost);
      pay(g, team, WORLD, cost, 'capex');
      const lead = siteLead(site, tpl.leadMonths + leadTimeDelay(g, tpl.kind));
      const plant = startPlant(site, team, tpl, o.product, o.addNameplate, lead, month);
      // The whole build is the capex tied in the plant's first line.
      plant.lines[0]!.capex = cost;
      g.plants[site.id] = plant;
      say(
        news,
        month,
        'capex',
        {
          key: 'site.started',
          team,
          plant: site.id,
          costEur: Math.round(cost),
          opensIn: site.buildMonths,
          readyIn: lead,
          qty: o.addNameplate,
          item: product.id,
        },
        [team],
      );
    },
  };
};
