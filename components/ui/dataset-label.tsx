import { datasetUriParts } from '@/lib/model';

/** A dataset as its OpenLineage URI, the namespace part muted: `hdfs://host:8020`/warehouse/t, `file://`/tmp/x. */
export function DatasetLabel({ dataset }: { dataset: { namespace: string | null; name: string } }) {
  const { prefix, name } = datasetUriParts(dataset);
  return <>{prefix ? <span className="subtle">{prefix}</span> : null}{name}</>;
}
