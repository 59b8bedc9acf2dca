import type { Region } from '../../api/types';

/** The region and every region below it. */
export function regionSubtree(regions: readonly Region[], rootId: string): Region[] {
  const children = new Map<string, Region[]>();
  for (const region of regions) {
    if (region.parentId === null) continue;
    const list = children.get(region.parentId) ?? [];
    list.push(region);
    children.set(region.parentId, list);
  }
  const root = regions.find((region) => region.id === rootId);
  const result: Region[] = root ? [root] : [];
  const queue = [rootId];
  const seen = new Set(queue);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of children.get(id) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      result.push(child);
      queue.push(child.id);
    }
  }
  return result;
}

/**
 * The regions a new school can belong to: the counties (districts) under the bureau, and the
 * bureau's own region for schools it runs directly (市直属学校) when it is above county level.
 */
export function schoolRegionChoices(regions: readonly Region[], bureauRegionId: string): Region[] {
  const subtree = regionSubtree(regions, bureauRegionId);
  const counties = subtree.filter((region) => region.level === 'county');
  const own = subtree.find((region) => region.id === bureauRegionId);
  if (own && own.level !== 'county') return [own, ...counties];
  return counties;
}
