import { PageLoading } from '@/components/states/page-loading';

export default function Loading() {
  return <PageLoading title="Health" detail="Asking every configured source…" />;
}
