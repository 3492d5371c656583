/** zh-CN strings of the map view. */
export const m = {
  title: '地图',
  located: (n: number) => `地图上 ${n} 家`,
  missing: (n: number) => `${n} 家无坐标`,
  noPoints: '筛选结果中没有带坐标的企业（在企业档案中点地图或“使用我的位置”设置坐标）',
  clusterCount: (n: number) => `${n} 家`,
  sameSpot: (n: number) => `同一位置 ${n} 家：`,
  tilesLabel: '底图地址',
  tilesHint: '政务外网请填写本地瓦片服务地址，格式如 http://地址/{z}/{x}/{y}.png',
  tilesNone: '不加载底图',
  tilesSave: '保存',
  tilesDefault: '恢复默认',
  tilesInvalid: '地址需以 http(s):// 或 / 开头，并包含 {z}、{x}、{y}',
  tilesSettings: '底图设置',
  loading: '正在加载地图…',
} as const;
