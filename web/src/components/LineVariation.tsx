/** "Change price or hours": re-prices an approved or in-place line from a day (decision 0013). */
import { useMutation } from '@tanstack/react-query';
import { Button, DateInput, Form, TextInput, Textarea } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { FormErrorSummary, type FormProblem } from '../components/common';
import { formatDate, formatPounds, parsePounds } from '../format';
import { pathway, type ServiceLine } from '../pathwayApi';
import { isoOfParts, londonToday, partsOf, type DateParts } from '../date-parts';
import { useLineAction } from './plan-parts';

export function LineVariation({ line: l, onDone }: { line: ServiceLine; onDone: (text: string) => void }) {
  const finish = useLineAction(onDone, l.planId);
  const [from, setFrom] = useState<DateParts>(partsOf(londonToday()));
  const [quantity, setQuantity] = useState(String(l.quantity));
  const [unitCost, setUnitCost] = useState((l.unitCostPence / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ from?: string; quantity?: string; unitCost?: string; reason?: string; form?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const prefix = `line-${l.id}-vary`;
  const label = `${l.component}, ${l.provider.name}`;
  const vary = useMutation({
    mutationFn: (body: { from: string; quantity: number; unitCostPence: number }) => pathway.varyLine(l.id, { ...body, reason: reason.trim(), version: l.version }),
    onSuccess: (c, sent) => finish(`${label} re-priced from ${formatDate(sent.from)}: it now costs ${formatPounds(c.weeklyCostPence)} a week.`),
    onError: (error: unknown) => {
      if (!(error instanceof ApiError)) return setErrors({ form: 'That did not work. Try again.' });
      const e = { from: error.problemWith('from', 'Date'), quantity: error.problemWith('quantity', 'Quantity'), unitCost: error.problemWith('unitCostPence', 'Unit cost'), reason: error.problemWith('reason', 'Reason') };
      setErrors({ ...e, form: Object.values(e).some(Boolean) ? undefined : error.message });
    },
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const iso = isoOfParts(from);
    const q = Number(quantity);
    const pence = parsePounds(unitCost);
    const next: typeof errors = {};
    if (!iso) next.from = 'Enter the date the new price or hours apply from, a real date';
    if (!quantity.trim() || !Number.isFinite(q) || q <= 0) next.quantity = 'Enter the quantity, a number more than 0, like 7.5';
    if (pence === null || pence <= 0) next.unitCost = 'Enter the unit cost in pounds and pence, like 16.36';
    if (!reason.trim()) next.reason = 'Enter why the price or hours change';
    setErrors(next);
    if (iso && pence !== null && Object.keys(next).length === 0) vary.mutate({ from: iso, quantity: q, unitCostPence: pence });
  }
  const problems: FormProblem[] = [];
  if (errors.form) problems.push({ text: errors.form });
  if (errors.from) problems.push({ href: `#${prefix}-from`, text: errors.from });
  if (errors.quantity) problems.push({ href: `#${prefix}-quantity`, text: errors.quantity });
  if (errors.unitCost) problems.push({ href: `#${prefix}-cost`, text: errors.unitCost });
  if (errors.reason) problems.push({ href: `#${prefix}-reason`, text: errors.reason });
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Change price or hours</span>
      </summary>
      <div className="nhsuk-details__text">
        <FormErrorSummary problems={problems} attempt={attempt} />
        <Form onSubmit={onSubmit} noValidate aria-label={`Change the price or hours of ${label}`}>
          <DateInput id={`${prefix}-from`} legend="The new price or hours apply from" legendProps={{ size: 's' }} value={from} onChange={(e) => setFrom({ ...from, ...e.currentTarget.value })} error={errors.from} />
          <TextInput id={`${prefix}-quantity`} label={`Quantity (${l.unit}s)`} width={4} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)} error={errors.quantity} />
          <TextInput id={`${prefix}-cost`} label="Unit cost in pounds" width={5} inputMode="decimal" value={unitCost} onChange={(e) => setUnitCost(e.currentTarget.value)} error={errors.unitCost} />
          <Textarea id={`${prefix}-reason`} label="Why it changes" labelProps={{ size: 's' }} rows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
          <Button type="submit" secondary disabled={vary.isPending}>
            Change<span className="nhsuk-u-visually-hidden"> the price or hours of {label}</span>
          </Button>
        </Form>
      </div>
    </details>
  );
}
