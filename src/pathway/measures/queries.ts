import { rowsOf, sql, type Executor } from '../../platform/db.js';

export type AssessedForPackage = {
  assessmentId: string;
  personId: string;
  completedBy: string | null;
  completedOn: string;
  firstInPlaceOn: string | null;
};

/** One assessment, one person's, or one worker's (the user who completed them). */
export type AssessedFilter = { assessmentId?: string; personId?: string; completedBy?: string };

/**
 * Assessments that found eligible needs for support (not closed with "no further action"),
 * completed between two London dates, with the day the first service of a plan from each
 * started. One query, so the measure over a year of a place is one round trip. A null period is
 * any day (one assessment asked for by id).
 */
export async function assessedForPackage(
  tx: Executor,
  placeId: string,
  from: string | null,
  to: string | null,
  f: AssessedFilter = {},
): Promise<AssessedForPackage[]> {
  const when = from && to ? sql`and (a.completed_at at time zone 'Europe/London')::date between ${from}::date and ${to}::date` : sql``;
  const assessment = f.assessmentId ? sql`and a.id = ${f.assessmentId}` : sql``;
  const person = f.personId ? sql`and a.person_id = ${f.personId}` : sql``;
  const worker = f.completedBy ? sql`and a.completed_by = ${f.completedBy}` : sql``;
  return rowsOf<AssessedForPackage>(
    tx,
    sql`
      select a.id as "assessmentId",
             a.person_id as "personId",
             a.completed_by as "completedBy",
             to_char((a.completed_at at time zone 'Europe/London')::date, 'YYYY-MM-DD') as "completedOn",
             to_char(first_line.started_on, 'YYYY-MM-DD') as "firstInPlaceOn"
        from assessment a
        left join lateral (
          select min(l.started_on) as started_on
            from care_plan p
            join service_line l on l.place_id = p.place_id and l.plan_id = p.id
           where p.place_id = a.place_id and p.assessment_id = a.id and l.started_on is not null
        ) first_line on true
       where a.place_id = ${placeId}
         and a.status = 'completed'
         and a.eligibility_decision = 'eligible'
         and (a.outcome is null or a.outcome not like 'NFA:%')
         ${when} ${assessment} ${person} ${worker}
       order by a.completed_at, a.id`,
  );
}
