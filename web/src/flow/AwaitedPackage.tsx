import { Tag } from 'nhsuk-react-components';
import { Link } from 'react-router-dom';
import { formatDate } from '../format';
import type { Stay } from './api';

export type AwaitedPackageView = NonNullable<Stay['awaiting'][number]['package']>;

const tagColour = { approved: 'blue', in_place: 'green', cancelled: 'red' } as const;

/** The package or placement agreed for what a stay awaits: its plan, provider and planned start, and whether it has started. */
export function AwaitedPackage({ pkg }: { pkg: AwaitedPackageView }) {
  return (
    <span className="caretrust-awaited-package" data-testid="awaited-package">
      {' — '}
      {pkg.planId ? <Link to={`/plans/${encodeURIComponent(pkg.planId)}`}>agreed package</Link> : 'agreed package'} from {pkg.provider.name}, planned start{' '}
      <span className="caretrust-nowrap">{formatDate(pkg.plannedStart)}</span>{' '}
      <Tag modifier={tagColour[pkg.status]}>{pkg.statusLabel}</Tag>
      {pkg.metOn ? ` on ${formatDate(pkg.metOn)}` : ''}
    </span>
  );
}
