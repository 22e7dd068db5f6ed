import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { parseTrackingUri, type TrackingLocation } from '@/lib/config/tracking-uri';

/** A configuration value that could not be used; shown on /health, never thrown. */
export interface EnvProblem {
  variable: string;
  message: string;
}

export interface RunlensEnv {
  openLineageEvents: string[];
  mlflow: TrackingLocation | null;
  /** How often local sources look for new files, in ms. */
  refreshIntervalMs: number;
  problems: EnvProblem[];
}

const refreshSchema = z.coerce.number().int().min(0).max(3_600_000);

/** The one place that reads process.env. Bad values become problems, so the app always starts. */
export function readEnv(source: Record<string, string | undefined> = process.env, cwd = process.cwd()): RunlensEnv {
  const problems: EnvProblem[] = [];

  const eventsRaw = source.OPENLINEAGE_EVENTS?.trim() ?? '';
  const openLineageEvents = eventsRaw === ''
    ? []
    : eventsRaw.split(path.delimiter).map((p) => p.trim()).filter((p) => p !== '').map((p) => path.resolve(cwd, p));

  let mlflow: TrackingLocation | null = null;
  const trackingRaw = source.MLFLOW_TRACKING_URI;
  if (trackingRaw !== undefined && trackingRaw.trim() !== '') {
    const parsed = parseTrackingUri(trackingRaw, cwd);
    if (parsed.ok) mlflow = parsed.location;
    else problems.push({ variable: 'MLFLOW_TRACKING_URI', message: parsed.problem });
  }

  let refreshIntervalMs = 1000;
  if (source.RUNLENS_REFRESH_INTERVAL_MS !== undefined) {
    const parsed = refreshSchema.safeParse(source.RUNLENS_REFRESH_INTERVAL_MS);
    if (parsed.success) refreshIntervalMs = parsed.data;
    else problems.push({ variable: 'RUNLENS_REFRESH_INTERVAL_MS', message: `"${source.RUNLENS_REFRESH_INTERVAL_MS}" is not a whole number of milliseconds between 0 and 3600000` });
  }

  return { openLineageEvents, mlflow, refreshIntervalMs, problems };
}
