import { describe, expect, it } from 'vitest';
import type { Region } from '../../api/types';
import { regionSubtree, schoolRegionChoices } from './region-tree';

const regions: Region[] = [
  { id: 'p', parentId: null, level: 'province', code: '330000', name: '浙江省' },
  { id: 'c', parentId: 'p', level: 'city', code: '330100', name: '杭州市' },
  { id: 'k1', parentId: 'c', level: 'county', code: '330112', name: '临安区' },
  { id: 'k2', parentId: 'c', level: 'county', code: '330122', name: '桐庐县' },
  { id: 'c2', parentId: 'p', level: 'city', code: '330200', name: '宁波市' },
];

describe('region tree', () => {
  it('collects a region and everything under it', () => {
    expect(regionSubtree(regions, 'c').map((r) => r.id)).toEqual(['c', 'k1', 'k2']);
    expect(regionSubtree(regions, 'k1').map((r) => r.id)).toEqual(['k1']);
  });

  it('offers a city bureau its counties and itself, a county bureau only itself', () => {
    expect(schoolRegionChoices(regions, 'c').map((r) => r.id)).toEqual(['c', 'k1', 'k2']);
    expect(schoolRegionChoices(regions, 'k2').map((r) => r.id)).toEqual(['k2']);
  });
});
