import type { Sector } from '../access/roles.js';
import { addDays } from '../pathway/assessments/fields.js';
import type { ActivityPlace, Member, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { DAY, HOUR, MINUTE, dayAt, dayOf, daysBetween, idAt, inOfficeHours, plusMs, PersonTimeline, type ActivityRows } from './pathway-activity-rows.js';
import { mdtActionTexts, mdtNotes } from './pathway-activity-texts.js';
import { Random } from './random.js';

/** What an MDT needs to know of a case to discuss it. */
export type MdtCase = {
  personId: string;
  team: TeamInfo;
  worker: Member;
  sector: Sector;
  assessedAt: Date | null;
  inPlaceOn: string | null;
  /** Open until (the close, or the end of the generated period). */
  until: Date;
};

type PinnedAction = { owner: Member; description: string; dueOn: string; done: boolean };
type Slot = { seen: number; cases: MdtCase[]; pinned: { c: MdtCase; note: string; action: PinnedAction | null }[] };

const perMeeting = 10;

/**
 * Weekly MDT meetings of each zone team. As cases are generated each one is offered to the
 * meetings held while it is open, and each meeting keeps a uniform sample of ten (reservoir
 * sampling), so memory stays flat however large the place; the meetings are written at the end.
 */
export class MdtBook {
  private readonly rng: Random;
  private readonly slots = new Map<string, Slot[]>();
  private readonly firstDay = new Map<string, string>();
  private readonly lastIndex: number;

  constructor(private readonly place: ActivityPlace) {
    this.rng = new Random(place.seed, `activity:mdt-sample:${place.preset}`);
    const zoneTeams = place.teams.filter((t) => t.zoneCode && t.caseHolders.length > 0);
    zoneTeams.forEach((t, i) => {
      // Each team meets on its own weekday (Tuesday, Wednesday, …).
      let day = place.windowStart;
      const weekday = 2 + (i % 4);
      while (new Date(`${day}T00:00:00Z`).getUTCDay() !== weekday) day = addDays(day, 1);
      this.firstDay.set(t.id, day);
      this.slots.set(t.id, []);
    });
    this.lastIndex = Math.floor(daysBetween(place.windowStart, place.asOf) / 7) + 1;
  }

  private meetingDay(teamId: string, index: number): string {
    return addDays(this.firstDay.get(teamId)!, index * 7);
  }

  private slot(teamId: string, index: number): Slot {
    const list = this.slots.get(teamId)!;
    let s = list[index];
    if (!s) {
      s = { seen: 0, cases: [], pinned: [] };
      list[index] = s;
    }
    return s;
  }

  /** Offers a case to every meeting of its team held while it is open (from `from`). */
  offer(c: MdtCase, from: Date): void {
    const first = this.firstDay.get(c.team.id);
    if (!first) return;
    const start = Math.max(0, Math.ceil((daysBetween(first, dayOf(from)) + 1) / 7));
    for (let i = start; i <= this.lastIndex; i++) {
      const day = this.meetingDay(c.team.id, i);
      const at = dayAt(day, 13);
      if (at >= c.until || at >= this.place.end) break;
      const s = this.slot(c.team.id, i);
      if (s.cases.some((x) => x.personId === c.personId) || s.pinned.some((x) => x.c.personId === c.personId)) continue;
      s.seen++;
      if (s.cases.length < perMeeting) s.cases.push(c);
      else {
        const j = Math.floor(this.rng.next() * s.seen);
        if (j < perMeeting) s.cases[j] = c;
      }
    }
  }

  /** A discussion that must happen (Mrs Smith's): at the team's first meeting on or after `day`. */
  pin(c: MdtCase, day: string, note: string, action: { owner: Member; description: string; dueInDays: number; done: boolean } | null): string {
    const first = this.firstDay.get(c.team.id)!;
    const i = Math.max(0, Math.ceil(daysBetween(first, day) / 7));
    const s = this.slot(c.team.id, i);
    s.cases = s.cases.filter((x) => x.personId !== c.personId);
    const heldOn = this.meetingDay(c.team.id, i);
    s.pinned.push({ c, note, action: action ? { owner: action.owner, description: action.description, dueOn: addDays(heldOn, action.dueInDays), done: action.done } : null });
    return heldOn;
  }

  /** Writes the meetings: attendees, five to ten cases each with a note, actions with owners. */
  write(rows: ActivityRows): void {
    const place = this.place;
    const rng = new Random(place.seed, `activity:mdt:${place.preset}`);
    for (const team of place.teams) {
      const list = this.slots.get(team.id);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (!s || s.cases.length + s.pinned.length === 0) continue;
        const heldOn = this.meetingDay(team.id, i);
        const present = membersOn(team.members, heldOn);
        const chair = present.find((m) => m.roleInTeam === 'manager') ?? present[0];
        if (!chair) continue;
        const wanted = Math.max(0, rng.int(5, 10) - s.pinned.length);
        const discussed = [...s.pinned.map((p) => ({ c: p.c, note: p.note, action: p.action })), ...s.cases.slice(0, wanted).map((c) => ({ c, note: '', action: null }))];
        const attendees = new Set<string>([chair.staffId]);
        for (const d of discussed) if (d.c.worker.startedOn <= heldOn) attendees.add(d.c.worker.staffId);
        for (const m of present) if (rng.chance(0.45)) attendees.add(m.staffId);
        const meetingId = idAt(place, 'mdt_meeting', `${team.id}:${i}`, dayAt(heldOn, 9));
        rows.mdtMeetings.push({
          placeId: place.placeId,
          id: meetingId,
          teamId: team.id,
          heldOn,
          attendeeStaffIds: [...attendees],
          createdBy: chair.userId,
          createdAt: dayAt(heldOn, 9),
        });
        discussed.forEach((d, k) => {
          const at = plusMs(dayAt(heldOn, 13), k * 6 * MINUTE);
          const note = d.note || this.noteFor(rng, d.c, heldOn);
          const tl = new PersonTimeline(place, rows, d.c.personId, `mdt:${meetingId}`);
          rows.mdtCases.push({ placeId: place.placeId, meetingId, personId: d.c.personId, note, authorUserId: chair.userId, updatedAt: at });
          tl.add(at, chair, { kind: 'mdt', action: 'mdt.discussed', summary: `Discussed at the MDT of ${heldOn}${note ? `: ${note}` : ''}`, sector: chair.sector, subjectId: meetingId });
          let action: PinnedAction | null = d.action;
          if (!action && rng.chance(0.55)) {
            const owner = d.c.worker.startedOn <= heldOn && rng.chance(0.75) ? d.c.worker : rng.pick(present.filter((m) => m.roleInTeam === 'member').length ? present.filter((m) => m.roleInTeam === 'member') : present);
            const texts = owner.role === 'nurse' ? mdtActionTexts.health : owner.role === 'therapist' ? mdtActionTexts.therapy : mdtActionTexts.social;
            const dueOn = addDays(heldOn, rng.int(7, 21));
            // Most actions are done, a little late at times; a few are forgotten, more of them lately.
            action = { owner, description: rng.pick(texts), dueOn, done: !rng.chance(daysBetween(dueOn, place.asOf) < 30 ? 0.3 : 0.04) };
          }
          if (!action) return;
          const actionAt = plusMs(at, 2 * MINUTE);
          const actionId = idAt(place, 'mdt_action', `${meetingId}:${d.c.personId}`, actionAt);
          let doneAt: Date | null = null;
          if (action.done) {
            const due = dayAt(action.dueOn, 12);
            const when = inOfficeHours(plusMs(actionAt, Math.round(rng.next() * (due.getTime() - actionAt.getTime() + 4 * DAY))), rng);
            const latest = plusMs(d.c.until, -HOUR);
            const at2 = when < latest ? when : latest;
            if (at2 > actionAt && at2 < place.end) doneAt = at2;
          }
          rows.mdtActions.push({
            placeId: place.placeId,
            id: actionId,
            meetingId,
            personId: d.c.personId,
            ownerStaffId: action.owner.staffId,
            description: action.description,
            dueOn: action.dueOn,
            doneAt,
            doneBy: doneAt ? action.owner.userId : null,
          });
          tl.add(actionAt, chair, {
            kind: 'mdt',
            action: 'mdt.action',
            summary: `MDT action for ${action.owner.name}, due ${action.dueOn}: ${action.description}`,
            sector: chair.sector,
            subjectId: actionId,
          });
          if (doneAt) {
            tl.add(doneAt, action.owner, { kind: 'mdt', action: 'mdt.action_done', summary: `MDT action done: ${action.description}`, sector: action.owner.sector, subjectId: actionId });
          }
        });
      }
    }
  }

  private noteFor(rng: Random, c: MdtCase, heldOn: string): string {
    const day = dayAt(heldOn, 13);
    if (!c.assessedAt || c.assessedAt > day) return rng.pick(c.sector === 'health' ? mdtNotes.health : rng.chance(0.5) ? mdtNotes.waiting : mdtNotes.assessing);
    if (!c.inPlaceOn || c.inPlaceOn > heldOn) return rng.pick(mdtNotes.arranging);
    return rng.pick(c.sector === 'health' && rng.chance(0.5) ? mdtNotes.health : mdtNotes.inPlace);
  }
}
