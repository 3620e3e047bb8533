/** The form that proposes a new service line on a plan. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, DateInput, Form, Select, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useCodes } from '../codes';
import { FormErrorSummary, type FormProblem } from '../components/common';
import { formatPounds, parsePounds } from '../format';
import { pathway, type NewServiceLine, type Plan } from '../pathwayApi';
import { isoOfParts, londonToday, partsOf, type DateParts } from '../date-parts';
import { useLineAction } from './plan-parts';
import { CodeOptions } from './CodeOptions';

export function AddLine({ plan, earliest, onDone }: { plan: Plan; earliest: string | null; onDone: (text: string) => void }) {
  const finish = useLineAction(onDone, plan.id);
  const codes = useCodes();
  const place = useQuery({ queryKey: ['place'], queryFn: () => api.place(), staleTime: 5 * 60_000 });
  const providingKinds = (codes?.providerPartnerKinds ?? []).map((k) => k.code);
  const providers = (place.data?.partners ?? []).filter((p) => providingKinds.includes(p.kind));
  const [f, setF] = useState({
    serviceType: 'Long term support: Community',
    component: '',
    provider: '',
    deliveryMechanism: 'CASSR commissioned support',
    unit: 'hour',
    quantity: '',
    frequency: 'per_week',
    unitCost: '',
  });
  const start0 = earliest && earliest > londonToday() ? earliest : londonToday();
  const [startDate, setStartDate] = useState<DateParts>(partsOf(start0));
  const [endDate, setEndDate] = useState<DateParts>({ day: '', month: '', year: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [attempt, setAttempt] = useState(0);

  const weeklyPreview = (() => {
    const q = Number(f.quantity);
    const cost = parsePounds(f.unitCost);
    if (!f.quantity || Number.isNaN(q) || cost === null) return null;
    const per = Math.round(q * 100) * cost;
    if (f.frequency === 'one_off') return `${formatPounds(Math.floor((2 * per + 100) / 200))} once`;
    const weekly = f.frequency === 'per_day' ? per * 7 : per;
    return `${formatPounds(Math.floor((2 * weekly + 100) / 200))} a week`;
  })();

  const propose = useMutation({
    mutationFn: (body: NewServiceLine) => pathway.proposeLine(plan.id, body),
    onSuccess: async (l) => {
      // Cleared at once, with the confirmation, so the next service starts from an empty form.
      setF((x) => ({ ...x, component: '', quantity: '', unitCost: '' }));
      setErrors({});
      await finish(`${l.component} from ${l.provider.name} proposed: ${l.frequency === 'one_off' ? formatPounds(l.oneOffCostPence) + ' once' : formatPounds(l.weeklyCostPence) + ' a week'}. It needs approval.`);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const fields: [string, string, string][] = [
          ['serviceType', 'serviceType', 'Service type'],
          ['component', 'component', 'Component'],
          ['providerPartnerId', 'provider', 'Provider'],
          ['deliveryMechanism', 'deliveryMechanism', 'Delivery'],
          ['unit', 'unit', 'Unit'],
          ['quantity', 'quantity', 'Quantity'],
          ['frequency', 'frequency', 'Frequency'],
          ['unitCostPence', 'unitCost', 'Unit cost'],
          ['plannedStart', 'start', 'Start date'],
          ['plannedEnd', 'end', 'End date'],
        ];
        const next: Record<string, string | undefined> = {};
        for (const [api, key, label] of fields) next[key] = error.problemWith(api, label);
        if (!Object.values(next).some(Boolean)) next.form = error.message;
        setErrors(next);
      } else setErrors({ form: 'The service could not be proposed. Try again.' });
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const next: Record<string, string | undefined> = {};
    if (!f.component) next.component = 'Select the service component';
    if (!f.provider) next.provider = 'Select the provider';
    const q = Number(f.quantity);
    if (!f.quantity.trim() || Number.isNaN(q) || q <= 0) next.quantity = 'Enter the quantity, a number more than 0, like 7.5';
    const cost = parsePounds(f.unitCost);
    if (cost === null || cost <= 0) next.unitCost = 'Enter the unit cost in pounds and pence, like 16.36';
    const start = isoOfParts(startDate);
    if (!start) next.start = 'Enter the planned start date, a real date';
    const hasEnd = endDate.day || endDate.month || endDate.year;
    const endIso = hasEnd ? isoOfParts(endDate) : null;
    if (hasEnd && !endIso) next.end = 'Enter the planned end date as a real date, or leave it empty';
    setErrors(next);
    if (Object.values(next).some(Boolean) || !start || cost === null) return;
    propose.mutate({
      serviceType: f.serviceType,
      component: f.component,
      providerPartnerId: f.provider,
      deliveryMechanism: f.deliveryMechanism,
      unit: f.unit as NewServiceLine['unit'],
      quantity: q,
      frequency: f.frequency as NewServiceLine['frequency'],
      unitCostPence: cost,
      plannedStart: start,
      ...(endIso ? { plannedEnd: endIso } : {}),
    });
  }

  const ids: Record<string, string> = {
    serviceType: 'line-service-type',
    component: 'line-component',
    provider: 'line-provider',
    deliveryMechanism: 'line-delivery',
    unit: 'line-unit',
    quantity: 'line-quantity',
    frequency: 'line-frequency',
    unitCost: 'line-unit-cost',
    start: 'line-start',
    end: 'line-end',
  };
  const problems: FormProblem[] = Object.entries(errors)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, text]) => (k === 'form' ? { text } : { href: `#${ids[k]}`, text }));

  return (
    <section aria-labelledby="add-line-heading" className="caretrust-section" data-testid="add-line">
      <h2 id="add-line-heading">Add a service</h2>
      <FormErrorSummary problems={problems} attempt={attempt} />
      <Form onSubmit={onSubmit} noValidate aria-label="Add a service">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Select id="line-service-type" label="Service type" labelProps={{ size: 's' }} value={f.serviceType} onChange={(e) => setF({ ...f, serviceType: e.currentTarget.value })} error={errors.serviceType}>
              <CodeOptions list={codes?.serviceTypes} chosen={f.serviceType} />
            </Select>
            <Select id="line-component" label="Service component" labelProps={{ size: 's' }} value={f.component} onChange={(e) => setF({ ...f, component: e.currentTarget.value })} error={errors.component}>
              <Select.Option value="">Choose a component</Select.Option>
              <CodeOptions list={codes?.serviceComponents} />
            </Select>
            <Select id="line-provider" label="Provider" labelProps={{ size: 's' }} value={f.provider} onChange={(e) => setF({ ...f, provider: e.currentTarget.value })} error={errors.provider}>
              <Select.Option value="">Choose a provider</Select.Option>
              {providers.map((p) => (
                <Select.Option key={p.id} value={p.id}>
                  {p.name}
                </Select.Option>
              ))}
            </Select>
            <Select id="line-delivery" label="Delivery mechanism" labelProps={{ size: 's' }} value={f.deliveryMechanism} onChange={(e) => setF({ ...f, deliveryMechanism: e.currentTarget.value })} error={errors.deliveryMechanism}>
              <CodeOptions list={codes?.deliveryMechanisms} chosen={f.deliveryMechanism} />
            </Select>
          </div>
          <div className="nhsuk-grid-column-one-half">
            <TextInput id="line-quantity" label="Quantity" labelProps={{ size: 's' }} hint="Up to two decimal places, like 7.5" inputMode="decimal" width={5} value={f.quantity} onChange={(e) => setF({ ...f, quantity: e.currentTarget.value })} error={errors.quantity} />
            <Select id="line-unit" label="Unit" labelProps={{ size: 's' }} value={f.unit} onChange={(e) => setF({ ...f, unit: e.currentTarget.value })} error={errors.unit}>
              <CodeOptions list={codes?.units} chosen={f.unit} />
            </Select>
            <Select id="line-frequency" label="Frequency" labelProps={{ size: 's' }} value={f.frequency} onChange={(e) => setF({ ...f, frequency: e.currentTarget.value })} error={errors.frequency}>
              <CodeOptions list={codes?.frequencies} chosen={f.frequency} />
            </Select>
            <TextInput
              id="line-unit-cost"
              label="Unit cost in pounds"
              labelProps={{ size: 's' }}
              hint="Pounds and pence for one unit, like 16.36"
              inputMode="decimal"
              width={5}
              prefix="£"
              value={f.unitCost}
              onChange={(e) => setF({ ...f, unitCost: e.currentTarget.value })}
              error={errors.unitCost}
            />
            <p className="nhsuk-body-s" role="status" data-testid="line-cost-preview">
              {weeklyPreview ? `Cost: ${weeklyPreview}` : ''}
            </p>
          </div>
        </div>
        <DateInput id="line-start" legend="Planned start" legendProps={{ size: 's' }} value={startDate} onChange={(e) => setStartDate({ ...startDate, ...e.currentTarget.value })} error={errors.start} />
        <DateInput id="line-end" legend="Planned end (optional)" legendProps={{ size: 's' }} value={endDate} onChange={(e) => setEndDate({ ...endDate, ...e.currentTarget.value })} error={errors.end} />
        <Button type="submit" secondary disabled={propose.isPending}>
          Propose this service
        </Button>
      </Form>
    </section>
  );
}
