/** The hospital flow API, on the app's one request function. */
import { request } from '../api';

export type Awaiting = { reason: string; reasonLabel: string; ownerName: string; attribution: string; attributionLabel: string; since: string };

export type BoardRow = {
  stayId: string;
  personId: string | null;
  name: string | null;
  age: number | null;
  zone: { code: string; name: string } | null;
  hospital: string;
  ward: string;
  pathway: number | null;
  pathwayLabel: string | null;
  dischargeReadyDate: string;
  daysDelayed: number;
  referralId: string | null;
  awaiting: Awaiting[];
};

export type ZoneRef = { id: string; code: string; name: string };
export type Board = { asOf: string; total: number; zones: ZoneRef[]; rows: BoardRow[] };

export type Stay = {
  id: string;
  hospital: { id: string; name: string; odsCode: string | null };
  ward: string;
  /** Each ward of the stay, from the admission or a move to the next move or the discharge (`to` null: the ward the person is on). */
  wards: { ward: string; from: string; to: string | null }[];
  admissionMethodLabel: string;
  admissionGroup: string;
  admittedAt: string;
  status: 'in_hospital' | 'ready' | 'discharged';
  dischargeReadyDate: string | null;
  pathway: number | null;
  dischargedAt: string | null;
  dischargeDestinationLabel: string | null;
  delayDays: number | null;
  referralId: string | null;
  reablementStart: string | null;
  awaiting: { id: string; reason: string; reasonLabel: string; ownerName: string; attributionLabel: string; openedAt: string; resolvedAt: string | null }[];
};

export type Measures = {
  from: string;
  to: string;
  asOf: string;
  zone: { code: string; name: string } | null;
  zones: ZoneRef[];
  occupiedBeds: { month: string; hospital: string; ward: string; bedDays: number; meanOccupiedBeds: number }[];
  emergency: { month: string; ageBand: string; population: number; admissions: number; bedDays: number; admissionsPer1000: number; bedDaysPer1000: number }[];
  delayedDays: { month: string; attribution: string; attributionLabel: string; reason: string; reasonLabel: string; days: number }[];
  dischargeReadyDate: { month: string; discharged: number; onDischargeReadyDate: number; percentOnDischargeReadyDate: number | null; meanDelayOfOthers: number | null }[];
  longStays: { month: string; discharged: number; days7Plus: number; days14Plus: number; days21Plus: number }[];
  atHome91Days: { month: string; discharged: number; atHome: number; percent: number | null }[];
};

export type MeasureFilter = { zone?: string; from?: string; to?: string };

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const flowApi = {
  board: (f: { zone?: string; pathway?: string }) => request<Board>(`/api/flow/board${query(f)}`),
  staysOf: (personId: string) => request<{ stays: Stay[] }>(`/api/people/${encodeURIComponent(personId)}/stays`),
  measures: (f: MeasureFilter) => request<Measures>(`/api/flow/measures${query(f)}`),
  csvUrl: (measure: string, f: MeasureFilter) => `/api/flow/measures.csv${query({ measure, ...f })}`,
};

export const pathwayShort = (p: number | null) => (p === null ? 'Not decided' : `Pathway ${p}`);
