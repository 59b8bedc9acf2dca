import { Card, Table, type TableColumnsType, type TableProps } from 'antd';
import { useCallback, useState } from 'react';
import type { Page } from '../api/types';
import { useT } from '../i18n/i18n';
import { PageError } from './page-state';

/** Page sizes offered under every server-paged table; the first is the default. */
export const PAGE_SIZES = [20, 50, 100] as const;

export interface Paging {
  page: number;
  pageSize: number;
  /** Back to the first page: call it whenever a filter changes. */
  firstPage: () => void;
  /** The table's pager moved: a new page size starts again at page 1. */
  change: (page: number, pageSize: number) => void;
}

/** Which page of a server-paged list is shown, and its size. */
export function usePaging(initialPageSize: number = PAGE_SIZES[0]): Paging {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const firstPage = useCallback(() => setPage(1), []);
  const change = useCallback(
    (nextPage: number, nextSize: number) => {
      setPage(nextSize === pageSize ? nextPage : 1);
      setPageSize(nextSize);
    },
    [pageSize],
  );
  return { page, pageSize, firstPage, change };
}

/** What the table needs of a query hook's result (`useStudents`, `useAudit`, …). */
export interface PageQuery<T> {
  data: Page<T> | undefined;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Props<T> {
  query: PageQuery<T>;
  paging: Paging;
  columns: TableColumnsType<T>;
  rowKey: TableProps<T>['rowKey'];
  /** Shown when the page has no rows. */
  emptyText: string;
  /** What the list is, for the scrolling region a keyboard and a screen reader reach. */
  label: string;
}

/**
 * A list the server pages: one page of rows in a card, the pager with its total and page sizes,
 * and the failed load with a retry button in place of the table.
 */
export function PagedTable<T extends object>({ query, paging, columns, rowKey, emptyText, label }: Props<T>) {
  const t = useT();
  if (query.isError) return <PageError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      {/* A wide table scrolls sideways in a region a keyboard can reach and a screen reader names (axe
          scrollable-region-focusable), not in antd's own unnamed scroll box (see plan-view.tsx). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section tabIndex={0} aria-label={label} className="kh-scroll-region" style={{ overflowX: 'auto' }}>
        <Table<T>
          rowKey={rowKey}
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          locale={{ emptyText }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [...PAGE_SIZES],
            showTotal: (total) => t('common.total', { total }),
            onChange: paging.change,
          }}
        />
      </section>
    </Card>
  );
}
