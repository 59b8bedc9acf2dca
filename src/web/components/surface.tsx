import { theme } from 'antd';
import { type CSSProperties, type ReactNode, useId } from 'react';

// Light stand-ins for antd's Card and Typography on the pages phones open first (sign-in and the
// phone homes). antd's Card brings Tabs, Dropdown and Menu with it, and Typography brings Input,
// TextArea and Tooltip: together about 45 kB gzip that these pages do not use.

interface PanelProps {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** A white, rounded section with an optional titled header — the look of antd's small Card. */
export function Panel({ title, extra, children, style, 'data-testid': testId }: PanelProps) {
  const { token } = theme.useToken();
  const titleId = useId();
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      data-testid={testId}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        minWidth: 0,
        ...style,
      }}
    >
      {title ? (
        <header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: token.marginXS,
            minHeight: 44,
            padding: `0 ${token.padding}px`,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <h2
            id={titleId}
            style={{ margin: 0, fontSize: token.fontSize, fontWeight: 600, color: token.colorText }}
          >
            {title}
          </h2>
          {extra}
        </header>
      ) : null}
      <div style={{ padding: token.padding }}>{children}</div>
    </section>
  );
}

interface HeadingProps {
  level?: 1 | 2;
  children: ReactNode;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** A page (level 1) or section (level 2) heading in the theme's text colour. */
export function Heading({ level = 1, children, style, 'data-testid': testId }: HeadingProps) {
  const { token } = theme.useToken();
  const Tag = level === 1 ? 'h1' : 'h2';
  return (
    <Tag
      data-testid={testId}
      style={{
        margin: 0,
        fontSize: level === 1 ? token.fontSizeHeading3 : token.fontSizeHeading5,
        fontWeight: 600,
        lineHeight: 1.35,
        color: token.colorText,
        ...style,
      }}
    >
      {children}
    </Tag>
  );
}

/** Secondary text: hints, labels, the less important half of a line. */
export function Muted({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  const { token } = theme.useToken();
  return <span style={{ color: token.colorTextSecondary, ...style }}>{children}</span>;
}
