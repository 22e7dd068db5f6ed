import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Dataset" detail="Loading the dataset's versions and readers…" />;
}
