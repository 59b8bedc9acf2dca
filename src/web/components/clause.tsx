import { BookOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { clauseRef } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

/** The seed clause a value or a rule comes from (B 五(三) 每课时劳务费50元), shown beside it. */
export function Clause({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  // A clause the server sent (`B 五(三)`) reads `B 5(3)` in English.
  return (
    <Typography.Text type="secondary" className="kh-clause">
      <BookOutlined aria-hidden style={{ marginInlineEnd: 4 }} />
      {typeof children === 'string' ? clauseRef(children, lang) : children}
    </Typography.Text>
  );
}
