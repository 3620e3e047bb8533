/**
 * A staff member's record as colleagues read it: profession, terms and grade, the teams they sit
 * in, and both organisations behind them. The employer and the managing organisation may differ
 * (Somerset's approved social workers are employed by the council and managed by the trust), so
 * the record names each and says when they differ.
 */
import type { Executor } from '../platform/db.js';
import { NotFoundError } from '../platform/errors.js';
import { professionLabel } from './professions.js';
import { selectPartners, selectStaffMember, selectTeams, selectTeamsOfStaff } from './queries.js';

export const termsLabels: Record<string, string> = {
  agenda_for_change: 'NHS Agenda for Change',
  council: 'Council (local government) terms',
  medical: 'Medical and dental terms',
  other: 'Other terms',
};

export type StaffRecord = {
  id: string;
  name: string;
  profession: string;
  professionLabel: string;
  employer: { id: string; name: string; kind: string };
  managedBy: { id: string; name: string; kind: string };
  /** True when the organisation that employs them is not the one that manages their work. */
  managedApart: boolean;
  terms: string;
  termsLabel: string;
  grade: string;
  startedOn: string | null;
  leftOn: string | null;
  teams: { id: string; code: string; name: string; roleInTeam: string }[];
};

export async function staffRecord(db: Executor, placeId: string, staffId: string, on: string): Promise<StaffRecord> {
  const member = await selectStaffMember(db, placeId, staffId);
  if (!member) throw new NotFoundError('No staff member of this place has that id.');
  const [partners, teams, memberships] = await Promise.all([selectPartners(db, placeId), selectTeams(db, placeId), selectTeamsOfStaff(db, placeId, staffId, on)]);
  const org = (id: string) => {
    const p = partners.find((x) => x.id === id);
    return { id, name: p?.name ?? '', kind: p?.kind ?? '' };
  };
  const teamById = new Map(teams.map((t) => [t.id, t]));
  return {
    id: member.id,
    name: `${member.givenName} ${member.familyName}`,
    profession: member.profession,
    professionLabel: professionLabel(member.profession),
    employer: org(member.employerPartnerId),
    managedBy: org(member.managingPartnerId),
    managedApart: member.employerPartnerId !== member.managingPartnerId,
    terms: member.terms,
    termsLabel: termsLabels[member.terms] ?? member.terms,
    grade: member.grade,
    startedOn: member.startedOn,
    leftOn: member.leftOn,
    teams: memberships.flatMap((m) => {
      const t = teamById.get(m.teamId);
      return t ? [{ id: t.id, code: t.code, name: t.name, roleInTeam: m.roleInTeam }] : [];
    }),
  };
}
