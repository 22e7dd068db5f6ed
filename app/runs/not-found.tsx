import { RunNotFound } from '@/components/states/run-not-found';
import { getSources } from '@/lib/sources';

export default function RunNotFoundPage() {
  const sources = getSources();
  const searched = [...sources.lineage.map((s) => s.id), ...sources.experiment.map((s) => s.id)];
  return <RunNotFound searched={searched} />;
}
