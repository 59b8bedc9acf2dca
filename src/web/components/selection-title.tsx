import TableMeasureRowContext from 'antd/es/table/TableMeasureRowContext';
import { cloneElement, isValidElement, type ReactElement, type ReactNode, useContext } from 'react';

/**
 * The select-all checkbox of a table with row selection. antd draws the column titles a second
 * time in a hidden measure row (`aria-hidden`, for the column widths of a table with `scroll`);
 * there the copy of the checkbox must not be reachable by keyboard (axe `aria-hidden-focus`,
 * issue 14.20). The visible header keeps the checkbox as it is.
 */
function SelectAll({ checkbox }: { checkbox: ReactNode }) {
  const inMeasureRow = useContext(TableMeasureRowContext);
  if (!inMeasureRow || !isValidElement(checkbox)) return checkbox;
  return cloneElement(checkbox as ReactElement<{ tabIndex?: number }>, { tabIndex: -1 });
}

/** `rowSelection={{ columnTitle: selectionTitle, … }}` */
export function selectionTitle(checkbox: ReactNode): ReactNode {
  return <SelectAll checkbox={checkbox} />;
}
