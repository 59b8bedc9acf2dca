import { useParams, useSearchParams } from 'react-router';
import { NoticePage } from './notice-page';

/** The notice reached inside the app (a link followed without a new page load). */
export function NoticeRoute() {
  const { schoolCode = '', termCode = '' } = useParams();
  const [params] = useSearchParams();
  return <NoticePage schoolCode={schoolCode} termCode={termCode} print={params.get('print') === '1'} />;
}
