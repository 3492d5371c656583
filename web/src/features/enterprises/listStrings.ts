/** zh-CN strings of the enterprise list's filters, sort, saved filters and views. */
export const l = {
  filters: (n: number) => (n > 0 ? `筛选 · ${n}` : '筛选'),
  clearFilters: '清除筛选',
  townAll: '全部镇街',
  industryAll: '全部行业',
  scaleAll: '全部规模',
  tagsLabel: '标签',
  notVisitedAll: '走访不限',
  notVisited: (days: number) => `超过 ${days} 天未走访`,
  sortLabel: '排序',
  sorts: {
    updated: '按最近修改',
    name: '按企业名称',
    town: '按镇街',
    licence: '按证照到期',
  } as Record<string, string>,
  town: '镇街',
  industry: '行业',
  scale: '规模',
  notVisitedLabel: '未走访',
  withCount: (label: string, n: number) => `${label}（${n}）`,
  viewList: '列表',
  viewMap: '地图',
  savedLabel: '常用筛选',
  saveFilter: '保存当前筛选',
  saveFilterName: '筛选名称',
  saveFilterPlaceholder: '例如：城关规上企业',
  save: '保存',
  cancel: '取消',
  removeSaved: (name: string) => `删除常用筛选「${name}」`,
  mapLoading: '正在加载地图…',
  mapFailed: '地图加载失败，请检查网络后重试',
} as const;

/** The "not visited in N days" choices offered (a URL may carry any other N; it is offered too). */
export const NOT_VISITED_CHOICES = [30, 60, 90, 180, 365] as const;
