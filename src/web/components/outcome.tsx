import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
  StopOutlined,
} from '@ant-design/icons';
import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';

export type OutcomeStatus = 'success' | 'error' | 'warning' | 'info' | 'forbidden' | 'not-found';

/**
 * The end of something, or why a page cannot be shown: an icon, a title, what to know and what to do
 * next. In place of antd's Result, whose 403/404/500 drawings went into every page's first download
 * (issue 14.19: the phone pages' weight).
 */
export function Outcome({
  status,
  title,
  subTitle,
  extra,
}: {
  status: OutcomeStatus;
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
}) {
  const { token } = theme.useToken();
  const icon = {
    success: <CheckCircleFilled style={{ color: token.colorSuccess }} />,
    error: <CloseCircleFilled style={{ color: token.colorError }} />,
    warning: <ExclamationCircleFilled style={{ color: token.colorWarning }} />,
    info: <InfoCircleFilled style={{ color: token.colorPrimary }} />,
    forbidden: <StopOutlined style={{ color: token.colorError }} />,
    'not-found': <ExclamationCircleFilled style={{ color: token.colorTextSecondary }} />,
  }[status];
  return (
    <Flex vertical align="center" gap={12} style={{ padding: '32px 16px', textAlign: 'center' }}>
      <span aria-hidden style={{ fontSize: 56, lineHeight: 1 }}>
        {icon}
      </span>
      <div style={{ fontSize: token.fontSizeHeading4, fontWeight: 600, color: token.colorText }}>{title}</div>
      {subTitle ? <div style={{ color: token.colorTextSecondary, maxWidth: 480 }}>{subTitle}</div> : null}
      {extra ? <div style={{ marginTop: 12 }}>{extra}</div> : null}
    </Flex>
  );
}
