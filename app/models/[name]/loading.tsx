import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Model" detail="Loading the model's versions…" />;
}
