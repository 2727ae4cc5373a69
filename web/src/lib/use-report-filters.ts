// Filter state of a report page and the query it yields. "Now" is taken when
// the filters change, not at every render, so the query (and the request)
// stays put until the user changes something or refreshes.
import { useState } from 'react';
import { currentTime } from '../state/ticker';
import { EMPTY_FILTERS, periodRange, type ReportFilters, reportQuery } from './report-query';

export interface ReportFilterState {
  filters: ReportFilters;
  setFilters: (next: ReportFilters) => void;
  /** Takes a fresh "now" for presets that end now. */
  refresh: () => void;
  /** The query for `from`, `to` and ids; null while a custom range is incomplete or empty. */
  query: string | null;
  /** The instant presets are measured to; endpoints add their own parameters with it. */
  now: number;
  invalidRange: boolean;
}

export function useReportFilters(initial: ReportFilters = EMPTY_FILTERS): ReportFilterState {
  const [state, setState] = useState(() => ({ filters: initial, now: currentTime() }));
  const { filters, now } = state;
  const range = periodRange(filters, now);
  const invalidRange =
    filters.preset === 'custom' && filters.fromDay !== '' && filters.toDay !== '' && !range;
  // A string, so effects keyed on it refetch only when it really changes.
  const query = range ? reportQuery(filters, now) : null;
  return {
    filters,
    setFilters: (next) => setState({ filters: next, now: currentTime() }),
    refresh: () => setState((s) => ({ ...s, now: currentTime() })),
    query,
    now,
    invalidRange,
  };
}
