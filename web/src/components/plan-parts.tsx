/** Pieces the plan page and its service line cards share. */
import { useQueryClient } from '@tanstack/react-query';
import { SummaryList } from 'nhsuk-react-components';
import { type ReactNode } from 'react';
import { type Codes } from '../codes';
import { type ServiceLine } from '../pathwayApi';

/** "7.5 hours a week", in the words of the server's units and frequencies. */
export function quantityText(l: Pick<ServiceLine, 'quantity' | 'unit' | 'frequency'>, codes: Codes | undefined): string {
  const u = codes?.units.find((x) => x.code === l.unit);
  const unit = l.quantity === 1 ? l.unit : (u?.plural ?? `${l.unit}s`);
  const phrase = codes?.frequencies.find((f) => f.code === l.frequency)?.phrase ?? l.frequency.replace('_', ' ');
  return `${l.quantity.toLocaleString('en-GB')} ${unit} ${phrase}`;
}

export function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <SummaryList.Row>
      <SummaryList.Key>{label}</SummaryList.Key>
      <SummaryList.Value data-testid={testId}>{children}</SummaryList.Value>
    </SummaryList.Row>
  );
}

export function useLineAction(onDone: (text: string) => void, planId: string) {
  const queryClient = useQueryClient();
  return async (text: string) => {
    onDone(text);
    await queryClient.invalidateQueries({ queryKey: ['plan', planId] });
    await queryClient.invalidateQueries({ queryKey: ['plans'] });
    await queryClient.invalidateQueries({ queryKey: ['measures'] });
  };
}
