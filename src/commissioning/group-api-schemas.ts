/** Response shapes of commissioning groups. */
import { z } from 'zod';

const kind = z.enum(['group', 'joint_board']);
const partnerRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const groupSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind,
  clientGroups: z.array(z.string()),
  leadPartner: partnerRef,
  budgetLineCodes: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  currentMembers: z.number().int(),
  decisions: z.number().int(),
});
export const groupListSchema = z.object({ groups: z.array(groupSummary) });

export const groupMember = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['chair', 'member', 'councillor', 'clinician', 'lay_member', 'officer']),
  basis: z.enum(['appointed', 'elected']),
  partnerId: z.string().nullable(),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  current: z.boolean(),
});

export const heldBudgetLine = z.object({
  code: z.string(),
  serviceArea: z.string().nullable(),
  serviceAreaLabel: z.string(),
  clientGroup: z.string().nullable(),
  zoneCode: z.string().nullable().describe('null: the line for all zones, whose figure includes its zones’ lines'),
  accounts: z.number().int().describe('Ledger accounts the figure sums'),
  spentPence: z.number().int().describe('Net debit (actual spend) this financial year to the day'),
});

export const groupDecision = z.object({
  id: z.string(),
  decidedOn: z.string(),
  reference: z.string(),
  title: z.string(),
  text: z.string(),
  contracts: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string() })),
  recordedAt: z.string(),
});

export const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind,
  clientGroups: z.array(z.string()),
  leadPartner: partnerRef,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number().int(),
  members: z.array(groupMember),
  budget: z.object({ financialYear: z.string(), from: z.string(), to: z.string(), lines: z.array(heldBudgetLine), totalSpentPence: z.number().int() }),
  decisions: z.array(groupDecision),
});
