import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkboxes, DateInput, Form, Radios, Select, Table, Tag, Textarea, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError, type CarerRelationship, type PersonRecord } from '../api';
import { useCodes } from '../codes';
import { CodeOptions } from '../components/CodeOptions';
import { FormErrorSummary, ProblemMessage, type FormProblem } from '../components/common';
import { isoOfParts, londonToday, partsOf, type DateParts } from '../date-parts';
import { formatDate, formatNhsNumber } from '../format';
import { pathway } from '../pathwayApi';

/**
 * The carers of the person on this record and the people they care for, each relationship with
 * its period; practitioners record a carer (someone on the register), end a relationship, and
 * start a carer's assessment for a carer from here.
 */
export function PersonCarers({ person, canChange }: { person: PersonRecord; canChange: boolean }) {
  const relationships = useQuery({ queryKey: ['carers', person.id], queryFn: () => api.carersOf(person.id), retry: false });
  return (
    <section aria-labelledby="carers-heading" data-testid="person-carers">
      <h2 id="carers-heading">Carers</h2>
      {relationships.isPending ? (
        <p role="status">Loading carers…</p>
      ) : relationships.isError ? (
        <ProblemMessage error={relationships.error} heading="The carers could not be loaded" />
      ) : (
        <>
          <CarerTable
            caption="Carers of this person"
            empty="No carers recorded."
            rows={relationships.data.carers}
            other={(r) => r.carer}
            person={person}
            canChange={canChange}
            startsAssessment={canChange}
            testId="carers-table"
          />
          {relationships.data.caresFor.length ? (
            <>
              <h3>Cares for</h3>
              <CarerTable
                caption="People this person cares for"
                empty=""
                rows={relationships.data.caresFor}
                other={(r) => r.caredFor}
                person={person}
                canChange={canChange}
                startsAssessment={false}
                testId="cares-for-table"
              />
            </>
          ) : null}
        </>
      )}
      {canChange && !person.mergedInto ? <AddCarer personId={person.id} /> : null}
    </section>
  );
}

function CarerTable(props: {
  caption: string;
  empty: string;
  rows: CarerRelationship[];
  other: (r: CarerRelationship) => { id: string; name: string };
  person: PersonRecord;
  canChange: boolean;
  startsAssessment: boolean;
  testId: string;
}) {
  if (props.rows.length === 0) return <p>{props.empty}</p>;
  return (
    <>
      <Table caption={props.caption} captionProps={{ className: 'nhsuk-u-visually-hidden' }} data-testid={props.testId}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Name</Table.Cell>
            <Table.Cell>Relationship</Table.Cell>
            <Table.Cell>Lives with</Table.Cell>
            <Table.Cell>Period</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {props.rows.map((r) => (
            <Table.Row key={r.id} data-testid="carer-row">
              <Table.Cell>
                <Link to={`/people/${encodeURIComponent(props.other(r).id)}`}>{props.other(r).name}</Link>
                {r.mainCarer ? (
                  <>
                    {' '}
                    <Tag modifier="blue">Main carer</Tag>
                  </>
                ) : null}
              </Table.Cell>
              <Table.Cell>{r.relationshipLabel}</Table.Cell>
              <Table.Cell>{r.livesWith ? 'Yes' : 'No'}</Table.Cell>
              <Table.Cell>
                From {formatDate(r.validFrom)}
                {r.validTo ? ` to ${formatDate(r.validTo)}` : ''}
                {r.endReason ? ` (${r.endReason})` : ''}
                {!r.current ? (
                  <>
                    {' '}
                    <Tag modifier="grey">Ended</Tag>
                  </>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {props.canChange
        ? props.rows
            .filter((r) => r.validTo === null)
            .map((r) => <CarerActions key={r.id} relationship={r} personId={props.person.id} name={props.other(r).name} startsAssessment={props.startsAssessment} />)
        : null}
    </>
  );
}

function CarerActions({ relationship, personId, name, startsAssessment }: { relationship: CarerRelationship; personId: string; name: string; startsAssessment: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [endDate, setEndDate] = useState<DateParts>(partsOf(londonToday()));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ end?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const prefix = `carer-${relationship.id}`;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['carers'] });
    await queryClient.invalidateQueries({ queryKey: ['person'] });
  };
  const end = useMutation({
    mutationFn: (validTo: string) => api.endCarer(personId, relationship.id, { validTo, reason }),
    onSuccess: refresh,
    onError: (error) => setErrors({ form: error instanceof ApiError ? error.message : 'The relationship could not be ended. Try again.' }),
  });
  const start = useMutation({
    mutationFn: () => pathway.startAssessment({ personId: relationship.carer.id, kind: 'carer', caredForPersonId: relationship.caredFor.id }),
    onSuccess: (a) => navigate(`/assessments/${encodeURIComponent(a.id)}`),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && typeof error.body.existingId === 'string') {
        navigate(`/assessments/${encodeURIComponent(error.body.existingId)}`);
        return;
      }
      setErrors({ form: error instanceof ApiError ? error.message : "The carer's assessment could not be started. Try again." });
    },
  });
  const onEnd = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const validTo = isoOfParts(endDate);
    if (!validTo) return setErrors({ end: 'Enter the date the caring ended, for example 31 3 2026' });
    if (validTo < relationship.validFrom) return setErrors({ end: `The date the caring ended must be on or after it began (${formatDate(relationship.validFrom)})` });
    setErrors({});
    end.mutate(validTo);
  };
  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.end) problems.push({ href: `#${prefix}-end`, text: errors.end });
  return (
    <div className="nhsuk-u-margin-bottom-4">
      <FormErrorSummary problems={problems} attempt={attempt} />
      {startsAssessment ? (
        <Button type="button" secondary onClick={() => start.mutate()} disabled={start.isPending}>
          Start a carer’s assessment<span className="nhsuk-u-visually-hidden"> for {name}</span>
        </Button>
      ) : null}
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">End the caring relationship with {name}</span>
        </summary>
        <div className="nhsuk-details__text">
          <Form onSubmit={onEnd} noValidate aria-label={`End the caring relationship with ${name}`}>
            <DateInput id={`${prefix}-end`} legend="Date the caring ended" legendProps={{ size: 's' }} value={endDate} onChange={(e) => setEndDate({ ...endDate, ...e.currentTarget.value })} error={errors.end} />
            <Textarea id={`${prefix}-reason`} label="Why it ended (optional)" labelProps={{ size: 's' }} rows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <Button type="submit" secondary disabled={end.isPending}>
              End<span className="nhsuk-u-visually-hidden"> the caring relationship with {name}</span>
            </Button>
          </Form>
        </div>
      </details>
    </div>
  );
}

type AddErrors = { carer?: string; relationship?: string; from?: string; form?: string };

/** Finds the carer on the register (they must have a record of their own) and records the relationship. */
function AddCarer({ personId }: { personId: string }) {
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const [carerId, setCarerId] = useState('');
  const [relationship, setRelationship] = useState('');
  const [livesWith, setLivesWith] = useState(false);
  const [mainCarer, setMainCarer] = useState(false);
  const [from, setFrom] = useState<DateParts>(partsOf(londonToday()));
  const [errors, setErrors] = useState<AddErrors>({});
  const [attempt, setAttempt] = useState(0);
  const found = useQuery({ queryKey: ['carer-search', term], queryFn: () => api.searchPeople(term), enabled: term.length >= 2, retry: false });
  const candidates = (found.data?.results ?? []).filter((p) => p.id !== personId);
  const add = useMutation({
    mutationFn: (validFrom: string) => api.addCarer(personId, { carerPersonId: carerId, relationship: relationship as never, livesWith, mainCarer, validFrom }),
    onSuccess: async () => {
      setQ('');
      setTerm('');
      setCarerId('');
      setRelationship('');
      setLivesWith(false);
      setMainCarer(false);
      await queryClient.invalidateQueries({ queryKey: ['carers'] });
      await queryClient.invalidateQueries({ queryKey: ['person'] });
    },
    onError: (error) => setErrors({ form: error instanceof ApiError ? error.message : 'The carer could not be recorded. Try again.' }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const next: AddErrors = {};
    const validFrom = isoOfParts(from);
    if (!carerId) next.carer = 'Search for the carer and choose them from the register';
    if (!relationship) next.relationship = 'Select how the carer is related to the person';
    if (!validFrom) next.from = 'Enter the date the caring began, for example 1 3 2024';
    else if (validFrom > londonToday()) next.from = 'The date the caring began must be today or in the past';
    setErrors(next);
    if (Object.keys(next).length === 0 && validFrom) add.mutate(validFrom);
  };
  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.carer) problems.push({ href: '#carer-search', text: errors.carer });
  if (errors.relationship) problems.push({ href: '#carer-relationship', text: errors.relationship });
  if (errors.from) problems.push({ href: '#carer-from', text: errors.from });
  return (
    <details className="nhsuk-details" data-testid="add-carer">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Record a carer</span>
      </summary>
      <div className="nhsuk-details__text">
        <FormErrorSummary problems={problems} attempt={attempt} />
        <Form onSubmit={onSubmit} noValidate aria-label="Record a carer">
          <TextInput
            id="carer-search"
            label="Find the carer on the register"
            labelProps={{ size: 's' }}
            hint="Their name, NHS number or date of birth. A carer who is not on the register yet needs a record of their own first."
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            error={errors.carer}
          />
          <Button type="button" secondary onClick={() => setTerm(q.trim())}>
            Search
          </Button>
          {term.length >= 2 && found.isSuccess ? (
            candidates.length ? (
              <Radios id="carer-person" name="carerPersonId" legend="Choose the carer" legendProps={{ size: 's' }}>
                {candidates.map((p) => (
                  <Radios.Item key={p.id} id={`carer-person-${p.id}`} value={p.id} checked={carerId === p.id} onChange={() => setCarerId(p.id)}>
                    {p.givenName} {p.familyName}, born {formatDate(p.birthDate)}
                    {p.nhsNumber ? `, NHS number ${formatNhsNumber(p.nhsNumber)}` : ''}
                  </Radios.Item>
                ))}
              </Radios>
            ) : (
              <p role="status">Nobody on the register matches “{term}”.</p>
            )
          ) : null}
          {found.isError ? <ProblemMessage error={found.error} heading="The register could not be searched" /> : null}
          <Select id="carer-relationship" label="Relationship to the person" value={relationship} onChange={(e) => setRelationship(e.currentTarget.value)} error={errors.relationship}>
            <Select.Option value="">Select a relationship</Select.Option>
            <CodeOptions list={codes?.carerRelationships} />
          </Select>
          <Checkboxes id="carer-flags" name="carerFlags" legend="How they care" legendProps={{ size: 's' }}>
            <Checkboxes.Item id="carer-lives-with" value="livesWith" checked={livesWith} onChange={(e) => setLivesWith(e.currentTarget.checked)}>
              Lives with the person
            </Checkboxes.Item>
            <Checkboxes.Item id="carer-main" value="mainCarer" checked={mainCarer} onChange={(e) => setMainCarer(e.currentTarget.checked)}>
              Main carer
            </Checkboxes.Item>
          </Checkboxes>
          <DateInput id="carer-from" legend="Date the caring began" legendProps={{ size: 's' }} value={from} onChange={(e) => setFrom({ ...from, ...e.currentTarget.value })} error={errors.from} />
          <Button type="submit" disabled={add.isPending}>
            Record carer
          </Button>
        </Form>
      </div>
    </details>
  );
}
