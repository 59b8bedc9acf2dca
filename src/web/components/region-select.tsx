import { Select } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useRegions } from '../api/queries';
import type { Region } from '../api/types';
import { useT } from '../i18n/i18n';
import { regionSubtree } from '../pages/bureau/region-tree';
import { useActiveMembership } from '../session/auth';
import { UserText } from './user-text';

export interface BureauRegion {
  /** The bureau's own region and every region below it (一县一策: a city bureau may act for a county). */
  regions: Region[];
  /** The region the page works on: `?region=` when it is one of `regions`, else the bureau's own. */
  regionId: string | null;
  region: Region | null;
  setRegionId: (regionId: string) => void;
}

/** Which region a bureau page works on, kept in the address so that a reload or a link keeps it. */
export function useBureauRegion(): BureauRegion {
  const membership = useActiveMembership();
  const regionsQuery = useRegions();
  const [params, setParams] = useSearchParams();
  const own = membership.regionId;
  const regions = useMemo(
    () => (regionsQuery.data && own ? regionSubtree(regionsQuery.data, own) : []),
    [regionsQuery.data, own],
  );
  const asked = params.get('region');
  const regionId = asked && regions.some((r) => r.id === asked) ? asked : own;
  const region = regions.find((r) => r.id === regionId) ?? null;
  const setRegionId = (next: string) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === own) copy.delete('region');
        else copy.set('region', next);
        return copy;
      },
      { replace: true },
    );
  return { regions, regionId, region, setRegionId };
}

/** The region picker of a bureau page; nothing when the bureau has only its own region. */
export function RegionSelect({ value }: { value: BureauRegion }) {
  const t = useT();
  if (value.regions.length <= 1) return null;
  return (
    <Select
      aria-label={t('region.select')}
      value={value.regionId ?? undefined}
      onChange={value.setRegionId}
      style={{ minWidth: 180, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
      options={value.regions.map((r) => ({
        value: r.id,
        label: <UserText>{r.name}</UserText>,
        title: r.name,
      }))}
    />
  );
}
