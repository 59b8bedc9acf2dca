import { BookOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The seed clause a value or a rule comes from (B 五(三) 每课时劳务费50元), shown beside it. */
export function Clause({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" className="kh-clause">
      <BookOutlined aria-hidden style={{ marginInlineEnd: 4 }} />
      {children}
    </Typography.Text>
  );
}
