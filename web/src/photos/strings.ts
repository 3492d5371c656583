/** Chinese UI text for photos and blobs (the code is in English; wording lives here). */
export const photoText = {
  unreadable: '无法读取这张图片（格式不支持或文件已损坏），请换一张',
  preparing: '正在压缩照片…',
  /** shown in the sync status while photos or attachments (demands) wait for upload */
  pendingUploads: (n: number) => `待上传照片/附件 ${n}`,
  pendingUploadsTitle: '照片和附件已保存在本机，联网后自动上传',
  loading: '照片加载中…',
  unavailable: '照片暂不可用（在本机之外，联网后自动加载）',
  blobSummary: (count: number, size: string, waiting: number, failed: number) =>
    count === 0
      ? '本机暂无'
      : `${count} 个，共 ${size}` + (waiting > 0 ? `，待上传 ${waiting} 个` : '，均已上传') + (failed > 0 ? `，${failed} 个无法上传（文件过大或已损坏）` : ''),
  blobStorage: '照片和附件',
} as const;
