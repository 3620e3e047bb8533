import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackLink, Button, DateInput, Fieldset, Form, Radios, Select, Textarea, TextInput } from 'nhsuk-react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError, type PersonSummary } from '../api';
import { useCodes } from '../codes';
import { FormErrorSummary, usePageTitle, type FormProblem } from '../components/common';
import { formatDate, formatNhsNumber, fullName } from '../format';
import { pathway, type NewReferral, type ReferralSource, type Urgency } from '../pathwayApi';
import { useSession } from '../session';
import { CodeOptions } from '../components/CodeOptions';

type Candidate = { id: string; givenName: string; familyName: string; birthDate: string | null };
type Errors = Partial<Record<string, string>>;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const fieldIds: Record<string, string> = {
  person: 'person-search',
  'person.nhsNumber': 'new-nhs-number',
  'person.givenName': 'new-given-name',
  'person.familyName': 'new-family-name',
  'person.birthDate': 'new-birth-date-day',
  'person.postcode': 'new-postcode',
  'person.gpPracticeOds': 'new-gp-ods',
  source: 'referral-source',
  sourceName: 'referral-source-name',
  routeOfAccess: 'referral-route',
  reason: 'referral-reason',
  urgency: 'referral-urgency-routine',
};

const fieldLabels: Record<string, string> = {
  'person.nhsNumber': 'NHS number',
  'person.givenName': 'First name',
  'person.familyName': 'Last name',
  'person.birthDate': 'Date of birth',
  'person.postcode': 'Postcode',
  'person.gpPracticeOds': 'GP practice code',
  source: 'Source',
  sourceName: 'Who referred',
  routeOfAccess: 'Route of access',
  reason: 'Reason',
  urgency: 'Urgency',
};

export function NewReferralPage() {
  const session = useSession();
  const codes = useCodes();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'find' | 'new'>('find');
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 300);
  const [personId, setPersonId] = useState('');
  const [chosen, setChosen] = useState<PersonSummary | null>(null);
  const [details, setDetails] = useState({ nhsNumber: '', title: '', givenName: '', familyName: '', day: '', month: '', year: '', postcode: '', gpPracticeOds: '' });
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [source, setSource] = useState<ReferralSource | ''>('');
  const [sourceName, setSourceName] = useState('');
  const [routeOfAccess, setRouteOfAccess] = useState('Community or other route');
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const [clientGroup, setClientGroup] = useState('');
  const [need, setNeed] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);

  const problems: FormProblem[] = Object.entries(errors)
    .filter((e): e is [string, string] => !!e[1])
    .map(([field, text]) => (field === 'form' ? { text } : { href: `#${fieldIds[field] ?? 'referral-reason'}`, text }));
  usePageTitle('New referral', problems.length > 0);

  const search = useQuery({
    queryKey: ['people', 'search', term],
    queryFn: ({ signal }) => api.searchPeople(term, signal),
    enabled: mode === 'find' && term.length >= 2,
    staleTime: 30_000,
  });

  const send = useMutation({
    mutationFn: (body: NewReferral) => pathway.sendReferral(body),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      navigate(`/referrals/${encodeURIComponent(r.id)}`);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setErrors({ form: 'The referral could not be sent. Try again.' });
      const found = error.body.candidates;
      if (error.status === 409 && Array.isArray(found)) {
        setCandidates(found as Candidate[]);
        return setErrors({ form: error.message });
      }
      const next: Errors = {};
      for (const d of error.details) {
        const label = fieldLabels[d.field];
        next[d.field in fieldIds ? d.field : 'form'] = label && /^[a-z]/.test(d.problem) ? `${label} ${d.problem}` : d.problem;
      }
      if (Object.keys(next).length === 0) next.form = error.message;
      setErrors(next);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const next: Errors = {};
    let person: NewReferral['person'] | null = null;
    if (mode === 'find') {
      if (!personId) next.person = 'Search for the person and select them, or enter their details';
      else person = { id: personId };
    } else {
      if (!details.givenName.trim()) next['person.givenName'] = 'Enter their first name';
      if (!details.familyName.trim()) next['person.familyName'] = 'Enter their last name';
      const { day, month, year } = details;
      const birthDate = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
      if (!day || !month || !year) next['person.birthDate'] = 'Enter their date of birth';
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(birthDate)))
        next['person.birthDate'] = 'Date of birth must be a real date';
      person = {
        nhsNumber: details.nhsNumber.replace(/\s/g, '') || null,
        title: details.title.trim(),
        givenName: details.givenName.trim(),
        familyName: details.familyName.trim(),
        birthDate,
        postcode: details.postcode.trim(),
        gpPracticeOds: details.gpPracticeOds.trim() || null,
        allowPossibleDuplicate: allowDuplicate,
      };
    }
    if (!source) next.source = 'Select who the referral is from';
    if (reason.trim().length < 3) next.reason = 'Enter the reason for the referral';
    setErrors(next);
    if (Object.keys(next).length > 0 || !person || !source) return;
    send.mutate({
      person,
      source,
      sourceName: sourceName.trim(),
      routeOfAccess,
      reason: reason.trim(),
      urgency,
      ...(clientGroup ? { clientGroup: clientGroup as NonNullable<NewReferral['clientGroup']> } : {}),
      ...(need ? { need: need as NonNullable<NewReferral['need']> } : {}),
    });
  }

  const results = mode === 'find' && term.length >= 2 ? (search.data?.results ?? []) : [];

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {session.user.role === 'coordinator' ? (
          <BackLink asElement={Link} to="/front-door">
            Back to the front door
          </BackLink>
        ) : (
          <BackLink asElement={Link} to="/">
            Back to your home page
          </BackLink>
        )}
        <FormErrorSummary problems={problems} attempt={attempt} />
        <span className="nhsuk-caption-l">Front door</span>
        <h1>New referral</h1>
        <Form onSubmit={onSubmit} noValidate>
          <Fieldset>
            <Fieldset.Legend size="m">Who is the referral about?</Fieldset.Legend>
            <Radios id="person-mode" name="personMode" legend="How will you find the person?" legendProps={{ className: 'nhsuk-u-visually-hidden' }} inline>
              <Radios.Item id="person-mode-find" value="find" checked={mode === 'find'} onChange={() => setMode('find')}>
                Find them on the register
              </Radios.Item>
              <Radios.Item id="person-mode-new" value="new" checked={mode === 'new'} onChange={() => setMode('new')}>
                Enter their details
              </Radios.Item>
            </Radios>
            {mode === 'find' ? (
              <>
                {chosen ? (
                  <p data-testid="chosen-person">
                    Selected: <strong>{fullName(chosen)}</strong>
                    {chosen.nhsNumber ? `, NHS number ${formatNhsNumber(chosen.nhsNumber)}` : ''}
                    {chosen.birthDate ? `, born ${formatDate(chosen.birthDate)}` : ''}
                  </p>
                ) : null}
                <TextInput
                  id="person-search"
                  name="q"
                  type="search"
                  label="Search by NHS number, name or date of birth"
                  labelProps={{ size: 's' }}
                  autoComplete="off"
                  spellCheck={false}
                  width={30}
                  value={q}
                  onChange={(e) => setQ(e.currentTarget.value)}
                  error={errors.person}
                />
                <p className="nhsuk-body-s" role="status" data-testid="referral-search-status">
                  {term.length >= 2 && search.data
                    ? results.length
                      ? `${results.length} found. Select the person.`
                      : `No one found for “${term}”. Check the spelling, or enter their details.`
                    : ''}
                </p>
                {results.length ? (
                  <Radios id="person-choice" name="personId" legend="People found" legendProps={{ size: 's' }}>
                    {results.map((p) => (
                      <Radios.Item
                        key={p.id}
                        id={`person-${p.id}`}
                        value={p.id}
                        checked={personId === p.id}
                        onChange={() => {
                          setPersonId(p.id);
                          setChosen(p);
                        }}
                        hint={[
                          p.nhsNumber ? `NHS number ${formatNhsNumber(p.nhsNumber)}` : 'NHS number not known',
                          p.birthDate ? `born ${formatDate(p.birthDate)}` : null,
                          p.postcode,
                          p.gpPractice?.name,
                        ]
                          .filter(Boolean)
                          .join(', ')}
                      >
                        {fullName(p)}
                      </Radios.Item>
                    ))}
                  </Radios>
                ) : null}
              </>
            ) : (
              <>
                <TextInput id="new-nhs-number" label="NHS number (if known)" labelProps={{ size: 's' }} hint="For example, 943 476 5919" width={10} inputMode="numeric" value={details.nhsNumber} onChange={(e) => setDetails({ ...details, nhsNumber: e.currentTarget.value })} error={errors['person.nhsNumber']} />
                <TextInput id="new-title" label="Title (optional)" labelProps={{ size: 's' }} width={5} value={details.title} onChange={(e) => setDetails({ ...details, title: e.currentTarget.value })} />
                <TextInput id="new-given-name" label="First name" labelProps={{ size: 's' }} width={20} autoComplete="off" value={details.givenName} onChange={(e) => setDetails({ ...details, givenName: e.currentTarget.value })} error={errors['person.givenName']} />
                <TextInput id="new-family-name" label="Last name" labelProps={{ size: 's' }} width={20} autoComplete="off" value={details.familyName} onChange={(e) => setDetails({ ...details, familyName: e.currentTarget.value })} error={errors['person.familyName']} />
                <DateInput
                  id="new-birth-date"
                  legend="Date of birth"
                  legendProps={{ size: 's' }}
                  hint="For example, 12 3 1941"
                  error={errors['person.birthDate']}
                  value={{ day: details.day, month: details.month, year: details.year }}
                  onChange={(e) => setDetails({ ...details, ...e.currentTarget.value })}
                />
                <TextInput id="new-postcode" label="Postcode (optional)" labelProps={{ size: 's' }} width={10} value={details.postcode} onChange={(e) => setDetails({ ...details, postcode: e.currentTarget.value })} error={errors['person.postcode']} />
                <TextInput id="new-gp-ods" label="GP practice code (optional)" labelProps={{ size: 's' }} hint="The practice's ODS code, a letter and five digits, for example T90101. It proposes the zone team." width={10} value={details.gpPracticeOds} onChange={(e) => setDetails({ ...details, gpPracticeOds: e.currentTarget.value })} error={errors['person.gpPracticeOds']} />
                {candidates.length ? (
                  <div className="nhsuk-warning-callout" data-testid="possible-duplicates">
                    <h2 className="nhsuk-warning-callout__label">
                      <span role="text">
                        <span className="nhsuk-u-visually-hidden">Important: </span>People on the register who look like this person
                      </span>
                    </h2>
                    <ul>
                      {candidates.map((c) => (
                        <li key={c.id}>
                          <button
                            type="button"
                            className="caretrust-link-button"
                            onClick={() => {
                              setMode('find');
                              setPersonId(c.id);
                              setChosen({ id: c.id, givenName: c.givenName, familyName: c.familyName, birthDate: c.birthDate } as PersonSummary);
                              setCandidates([]);
                              setErrors({});
                            }}
                          >
                            Refer {c.givenName} {c.familyName.toUpperCase()}
                            {c.birthDate ? `, born ${formatDate(c.birthDate)}` : ''}
                          </button>
                        </li>
                      ))}
                    </ul>
                    <p>
                      <label>
                        <input type="checkbox" checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.currentTarget.checked)} /> None of these: this is
                        someone new
                      </label>
                    </p>
                  </div>
                ) : null}
              </>
            )}
          </Fieldset>

          <Fieldset>
            <Fieldset.Legend size="m">The referral</Fieldset.Legend>
            <Select id="referral-source" name="source" label="Who is the referral from?" labelProps={{ size: 's' }} value={source} onChange={(e) => setSource(e.currentTarget.value as ReferralSource)} error={errors.source}>
              <Select.Option value="">Choose a source</Select.Option>
              <CodeOptions list={codes?.referralSources} />
            </Select>
            <TextInput id="referral-source-name" name="sourceName" label="Name of the person or organisation referring (optional)" labelProps={{ size: 's' }} hint="For example, the GP practice or the ward" width={30} value={sourceName} onChange={(e) => setSourceName(e.currentTarget.value)} error={errors.sourceName} />
            <Select id="referral-route" name="routeOfAccess" label="Route of access" labelProps={{ size: 's' }} hint="As the social care return (Client Level Data) records it" value={routeOfAccess} onChange={(e) => setRouteOfAccess(e.currentTarget.value)} error={errors.routeOfAccess}>
              <CodeOptions list={codes?.routesOfAccess} chosen={routeOfAccess} />
            </Select>
            <Select id="referral-client-group" name="clientGroup" label="Client group (optional)" labelProps={{ size: 's' }} hint="The place's routing rules may send some client groups to their own teams; left blank, it is taken from the person's age" value={clientGroup} onChange={(e) => setClientGroup(e.currentTarget.value)}>
              <Select.Option value="">Not stated</Select.Option>
              <CodeOptions list={codes?.clientGroups} />
            </Select>
            <Select id="referral-need" name="need" label="What is asked for (optional)" labelProps={{ size: 's' }} value={need} onChange={(e) => setNeed(e.currentTarget.value)}>
              <Select.Option value="">Not stated</Select.Option>
              <CodeOptions list={codes?.referralNeeds} />
            </Select>
            <Textarea id="referral-reason" name="reason" label="Reason for the referral" labelProps={{ size: 's' }} hint="What has happened and what support is asked for" rows={5} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
            {codes ? (
              <Radios id="referral-urgency" name="urgency" legend="Urgency" legendProps={{ size: 's' }} error={errors.urgency}>
                {codes.urgencies.map((u) => (
                  <Radios.Item key={u.code} id={`referral-urgency-${u.code}`} value={u.code} checked={urgency === u.code} onChange={() => setUrgency(u.code as Urgency)}>
                    {u.label}
                  </Radios.Item>
                ))}
              </Radios>
            ) : (
              <p role="status">Loading the choices…</p>
            )}
          </Fieldset>
          <Button type="submit" disabled={send.isPending}>
            Send referral
          </Button>
        </Form>
      </div>
    </div>
  );
}
