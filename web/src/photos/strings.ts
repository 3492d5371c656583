/** Chinese UI text for photos and blobs (the code is in English; wording lives here). */
export const photoText = {
  unreadable: '无法读取这张图片（格式不支持或文件已损坏），请换一张',
  preparing: '正在压缩照片…',
  /** shown in the sync status while photos or attachments wait for upload */
  pendingUploads: (n: number) => `待上传照片 ${n} 张`,
  pendingUploadsTitle: '照片已保存在本机，联网后自动上传',
  loading: '照片加载中…',
  unavailable: '照片暂不可用（在本机之外，联网后自动加载）',
  blobSummary: (count: number, size: string, waiting: number) => `照片和附件 ${count} 个，共 ${size}` + (waiting > 0 ? `，待上传 ${waiting} 个` : ''),
  blobStorage: '照片和附件',
} as const;
