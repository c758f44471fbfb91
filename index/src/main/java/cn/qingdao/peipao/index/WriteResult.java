package cn.qingdao.peipao.index;

import cn.qingdao.peipao.index.store.StoredEntity;

/** A committed write: the stored entity and whether it was new. */
public record WriteResult(StoredEntity stored, boolean created) {}
