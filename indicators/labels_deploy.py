"""The words of a server under strain, in Chinese and English: Redis away, limits reached, a session ended.

Merged into ``indicators.labels.LABELS``; kept apart so they are found together.
"""

from __future__ import annotations

DEPLOY_LABELS: dict[str, tuple[str, str]] = {
    "jobs_unavailable_title": ("后台处理暂不可用", "Background work unavailable"),
    "jobs_unavailable": ("后台处理服务（Redis）暂时无法连接：这项工作没有开始，也没有排队，数据未作任何修改。请过几分钟再试。",
                         "Background work (Redis) cannot be reached just now: this work did not start and nothing "
                         "is queued; no data changed. Please try again in a few minutes."),
    "back_upload_page": ("返回上传页面", "Back to the upload page"),
}
