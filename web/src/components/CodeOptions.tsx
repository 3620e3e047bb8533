import { Select } from 'nhsuk-react-components';
import type { Code } from '../codes';

/**
 * The options of a coded list (GET /api/codes), each its code with its words. While the lists
 * load, a select given `chosen` offers that value alone, so it keeps what it holds.
 */
export function CodeOptions({ list, chosen }: { list: readonly Code[] | undefined; chosen?: string }) {
  const shown = list ?? (chosen !== undefined ? [{ code: chosen, label: chosen }] : []);
  return (
    <>
      {shown.map((c) => (
        <Select.Option key={c.code} value={c.code}>
          {c.label}
        </Select.Option>
      ))}
    </>
  );
}
