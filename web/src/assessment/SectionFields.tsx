import { Button, Checkboxes, Radios, Select, Textarea, TextInput } from 'nhsuk-react-components';
import type { ReactNode } from 'react';
import {
  careActOutcomeLabels,
  careActOutcomes,
  carerOutcomeLabels,
  carerOutcomes,
  unableWayLabels,
  unableWays,
  wellbeingAreaLabels,
  wellbeingAreas,
  type Content,
  type OutcomeAnswer,
} from './rules';

type FieldProps = { section: string; content: Content; change: (next: Content) => void };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : []);

function Text({ section, content, change, field, label, hint, rows = 3 }: FieldProps & { field: string; label: string; hint?: string; rows?: number }) {
  return (
    <Textarea
      id={`${section}-${field}`}
      name={field}
      label={label}
      labelProps={{ size: 's' }}
      hint={hint}
      rows={rows}
      value={str(content[field])}
      onChange={(e) => change({ ...content, [field]: e.currentTarget.value })}
    />
  );
}

function YesNo({ section, content, change, field, legend, hint }: FieldProps & { field: string; legend: string; hint?: string }) {
  const v = content[field];
  return (
    <Radios id={`${section}-${field}`} name={`${section}-${field}`} legend={legend} legendProps={{ size: 's' }} hint={hint} inline>
      <Radios.Item id={`${section}-${field}-yes`} value="yes" checked={v === true} onChange={() => change({ ...content, [field]: true })}>
        Yes
      </Radios.Item>
      <Radios.Item id={`${section}-${field}-no`} value="no" checked={v === false} onChange={() => change({ ...content, [field]: false })}>
        No
      </Radios.Item>
    </Radios>
  );
}

function Multi({
  section,
  content,
  change,
  field,
  legend,
  hint,
  options,
}: FieldProps & { field: string; legend: string; hint?: string; options: Record<string, string> }) {
  const chosen = strings(content[field]);
  const keys = Object.keys(options);
  return (
    <Checkboxes id={`${section}-${field}`} name={`${section}-${field}`} legend={legend} legendProps={{ size: 's' }} hint={hint} small>
      {keys.map((k) => (
        <Checkboxes.Item
          key={k}
          id={`${section}-${field}-${k}`}
          value={k}
          checked={chosen.includes(k)}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            change({ ...content, [field]: keys.filter((x) => (x === k ? on : chosen.includes(x))) });
          }}
        >
          {options[k]}
        </Checkboxes.Item>
      ))}
    </Checkboxes>
  );
}

function OutcomesTable({ section, content, change }: FieldProps) {
  const set = (key: string, answer: OutcomeAnswer) => change({ ...content, [key]: answer });
  return (
    <div className="caretrust-outcomes" data-testid="outcomes-table">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          For each outcome: can the person achieve it? If not, in which of the four ways?
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Outcome
            </th>
            <th scope="col" className="nhsuk-table__header">
              Can the person achieve it?
            </th>
            <th scope="col" className="nhsuk-table__header">
              If not, why not
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {careActOutcomes.map((key) => {
            const answer = content[key] as OutcomeAnswer | undefined;
            const label = careActOutcomeLabels[key];
            const cannot = answer?.canAchieve === false;
            const ways = strings(answer?.ways);
            return (
              <tr className="nhsuk-table__row" key={key} data-testid={`outcome-${key}`}>
                <th scope="row" className="nhsuk-table__header caretrust-outcome-name" id={`${section}-${key}-name`}>
                  {label}
                </th>
                <td className="nhsuk-table__cell">
                  <fieldset className="nhsuk-fieldset" aria-describedby={`${section}-${key}-name`}>
                    <legend className="nhsuk-u-visually-hidden">Can the person achieve: {label}?</legend>
                    <div className="nhsuk-radios nhsuk-radios--small">
                      <div className="nhsuk-radios__item">
                        <input
                          className="nhsuk-radios__input"
                          type="radio"
                          id={`${section}-${key}-can`}
                          name={`${section}-${key}`}
                          checked={answer?.canAchieve === true}
                          onChange={() => set(key, { canAchieve: true, ...(answer?.note ? { note: answer.note } : {}) })}
                        />
                        <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${section}-${key}-can`}>
                          Can achieve
                        </label>
                      </div>
                      <div className="nhsuk-radios__item">
                        <input
                          className="nhsuk-radios__input"
                          type="radio"
                          id={`${section}-${key}-cannot`}
                          name={`${section}-${key}`}
                          checked={cannot}
                          onChange={() => set(key, { canAchieve: false, ways, ...(answer?.note ? { note: answer.note } : {}) })}
                        />
                        <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${section}-${key}-cannot`}>
                          Cannot
                        </label>
                      </div>
                    </div>
                  </fieldset>
                </td>
                <td className="nhsuk-table__cell">
                  {cannot ? (
                    <fieldset className="nhsuk-fieldset">
                      <legend className="nhsuk-u-visually-hidden">Why the person cannot achieve: {label}</legend>
                      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                        {unableWays.map((w) => (
                          <div className="nhsuk-checkboxes__item" key={w}>
                            <input
                              className="nhsuk-checkboxes__input"
                              type="checkbox"
                              id={`${section}-${key}-${w}`}
                              checked={ways.includes(w)}
                              onChange={(e) => {
                                const on = e.currentTarget.checked;
                                set(key, { ...answer, canAchieve: false, ways: unableWays.filter((x) => (x === w ? on : ways.includes(x))) });
                              }}
                            />
                            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${section}-${key}-${w}`}>
                              {unableWayLabels[w]}
                            </label>
                          </div>
                        ))}
                      </div>
                    </fieldset>
                  ) : (
                    <span className="caretrust-secondary">{answer?.canAchieve ? 'Not needed' : 'Answer first'}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type Risk = { description?: string; level?: string; mitigation?: string };

function Risks({ section, content, change }: FieldProps) {
  const items = (Array.isArray(content.items) ? content.items : []) as Risk[];
  const setItem = (i: number, r: Risk) => change({ ...content, items: items.map((x, j) => (j === i ? r : x)) });
  return (
    <>
      <Text section={section} content={content} change={change} field="summary" label="Summary of risks" />
      {items.map((r, i) => (
        <div className="caretrust-risk" key={i}>
          <h4 className="nhsuk-heading-xs">Risk {i + 1}</h4>
          <TextInput id={`${section}-item-${i}-description`} label="What the risk is" labelProps={{ size: 's' }} value={r.description ?? ''} onChange={(e) => setItem(i, { ...r, description: e.currentTarget.value })} />
          <Select id={`${section}-item-${i}-level`} label="Level" labelProps={{ size: 's' }} value={r.level ?? 'medium'} onChange={(e) => setItem(i, { ...r, level: e.currentTarget.value })}>
            <Select.Option value="low">Low</Select.Option>
            <Select.Option value="medium">Medium</Select.Option>
            <Select.Option value="high">High</Select.Option>
          </Select>
          <TextInput id={`${section}-item-${i}-mitigation`} label="What reduces it" labelProps={{ size: 's' }} value={r.mitigation ?? ''} onChange={(e) => setItem(i, { ...r, mitigation: e.currentTarget.value })} />
          <Button type="button" secondary small onClick={() => change({ ...content, items: items.filter((_, j) => j !== i) })}>
            Remove risk {i + 1}
          </Button>
        </div>
      ))}
      <Button type="button" secondary small onClick={() => change({ ...content, items: [...items, { description: '', level: 'medium' }] })}>
        Add a risk
      </Button>
    </>
  );
}

/** The fields of one section, as the server's form defines them. */
export function SectionFields({ section, kind, content, change }: FieldProps & { kind: string }): ReactNode {
  const p = { section, content, change };
  switch (section) {
    case 'personsView':
      return (
        <>
          <Text {...p} field="ownView" label="In their own words: how things are, and what they want" rows={5} />
          <Textarea
            id={`${section}-goals`}
            name="goals"
            label="Goals"
            labelProps={{ size: 's' }}
            hint="One goal on each line"
            rows={4}
            value={strings(content.goals).join('\n')}
            onChange={(e) => change({ ...content, goals: e.currentTarget.value.split('\n') })}
          />
        </>
      );
    case 'health':
      return (
        <>
          <Text {...p} field="conditions" label="Conditions" />
          <Text {...p} field="medicinesSupport" label="Medicines support" />
          <Text {...p} field="mobilityAndFalls" label="Mobility and falls" />
          <Text {...p} field="skin" label="Skin" rows={2} />
          <Text {...p} field="continence" label="Continence" rows={2} />
          <Text {...p} field="cognition" label="Cognition" rows={2} />
          <Text {...p} field="mood" label="Mood" rows={2} />
        </>
      );
    case 'outcomes':
      return <OutcomesTable {...p} />;
    case 'impairment':
      return (
        <>
          <YesNo {...p} field="hasImpairmentOrIllness" legend="Do the needs arise from a physical or mental impairment or illness?" />
          <Text {...p} field="description" label="The impairment or illness" />
        </>
      );
    case 'wellbeing':
      return (
        <>
          <YesNo {...p} field="significantImpact" legend="Is there, or is there likely to be, a significant impact on the person's wellbeing?" />
          <Multi {...p} field="areas" legend="Areas of wellbeing affected" options={wellbeingAreaLabels as Record<string, string>} />
          <Text {...p} field="note" label="How wellbeing is affected" />
        </>
      );
    case 'risks':
      return <Risks {...p} />;
    case 'strengths':
      return (
        <>
          <Text {...p} field="personalStrengths" label="Personal strengths" />
          <Text {...p} field="networkSupport" label="Support from family, friends and neighbours" />
          <Text {...p} field="communityResources" label="Community resources" />
        </>
      );
    case 'fluctuatingNeeds':
      return (
        <>
          <YesNo {...p} field="hasFluctuatingNeeds" legend="Do the person's needs fluctuate?" />
          <Text {...p} field="description" label="How they fluctuate" />
          <Text {...p} field="periodConsidered" label="Period considered" rows={1} />
        </>
      );
    case 'carers':
      return (
        <>
          <YesNo {...p} field="hasCarer" legend={kind === 'carer' ? 'Is this person a carer?' : 'Does the person have a carer?'} />
          <TextInput id={`${section}-carerName`} label="Carer's name" labelProps={{ size: 's' }} width={20} value={str(content.carerName)} onChange={(e) => change({ ...content, carerName: e.currentTarget.value })} />
          <TextInput id={`${section}-relationship`} label="Relationship" labelProps={{ size: 's' }} width={20} value={str(content.relationship)} onChange={(e) => change({ ...content, relationship: e.currentTarget.value })} />
          <TextInput
            id={`${section}-hoursCaringPerWeek`}
            label="Hours caring each week"
            labelProps={{ size: 's' }}
            width={4}
            inputMode="decimal"
            value={typeof content.hoursCaringPerWeek === 'number' ? String(content.hoursCaringPerWeek) : ''}
            onChange={(e) => {
              const t = e.currentTarget.value.trim();
              const n = Number(t);
              const next = { ...content };
              if (t === '' || Number.isNaN(n)) delete next.hoursCaringPerWeek;
              else next.hoursCaringPerWeek = n;
              change(next);
            }}
          />
          <YesNo {...p} field="willingAndAble" legend="Is the carer willing and able to go on caring?" />
          <Text {...p} field="carersOwnNeeds" label="The carer's own needs" />
          <YesNo {...p} field="carerAssessmentOffered" legend="Was the carer offered a carer's assessment?" />
          {kind === 'carer' ? (
            <>
              <YesNo {...p} field="needsArisingFromCaring" legend="Do the carer's needs arise from providing necessary care?" />
              <YesNo {...p} field="carerHealthAtRisk" legend="Is the carer's physical or mental health at risk?" />
              <Multi {...p} field="carerUnableToAchieve" legend="What the carer cannot achieve" options={carerOutcomeLabels as Record<string, string>} />
            </>
          ) : null}
        </>
      );
    default:
      return <p>This section has no form in Caretrust's web app yet.</p>;
  }
}


/** Read-only view of the other author's version in a conflict: the fields that differ. */
const fieldLabels: Record<string, string> = {
  ownView: 'Their own view',
  goals: 'Goals',
  conditions: 'Conditions',
  medicinesSupport: 'Medicines support',
  mobilityAndFalls: 'Mobility and falls',
  skin: 'Skin',
  continence: 'Continence',
  cognition: 'Cognition',
  mood: 'Mood',
  hasImpairmentOrIllness: 'Needs arise from an impairment or illness',
  description: 'Description',
  significantImpact: 'Significant impact on wellbeing',
  areas: 'Areas of wellbeing affected',
  note: 'Note',
  summary: 'Summary',
  items: 'Risks',
  personalStrengths: 'Personal strengths',
  networkSupport: 'Support from family, friends and neighbours',
  communityResources: 'Community resources',
  hasFluctuatingNeeds: 'Needs fluctuate',
  periodConsidered: 'Period considered',
  hasCarer: 'Has a carer',
  carerName: "Carer's name",
  relationship: 'Relationship',
  hoursCaringPerWeek: 'Hours caring each week',
  willingAndAble: 'Willing and able to go on caring',
  carersOwnNeeds: "The carer's own needs",
  carerAssessmentOffered: "Carer's assessment offered",
  needsArisingFromCaring: 'Needs arise from caring',
  carerHealthAtRisk: "Carer's health at risk",
  carerUnableToAchieve: 'What the carer cannot achieve',
  ...careActOutcomeLabels,
};

export function describeContent(content: Content): { field: string; text: string }[] {
  return Object.entries(content).map(([field, v]) => ({
    field: fieldLabels[field] ?? field,
    text:
      typeof v === 'string'
        ? v
        : typeof v === 'boolean'
          ? v
            ? 'Yes'
            : 'No'
          : Array.isArray(v)
            ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ')
            : v && typeof v === 'object'
              ? (v as OutcomeAnswer).canAchieve === true
                ? 'Can achieve'
                : (v as OutcomeAnswer).canAchieve === false
                  ? `Cannot: ${strings((v as OutcomeAnswer).ways).map((w) => unableWayLabels[w as keyof typeof unableWayLabels] ?? w).join(', ')}`
                  : JSON.stringify(v)
              : String(v),
  }));
}

export { careActOutcomeLabels, carerOutcomes, wellbeingAreas };
