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
    "session_ended": ("登录已过期：超过{idle}分钟未操作，或登录已满{hours}小时。请重新登录。",
                      "Your sign-in has ended: unused for {idle} minutes, or signed in for {hours} hours. "
                      "Please sign in again."),
    "rate_limited_renders": ("此地址请求图表图片过于频繁（未登录时每分钟最多{limit}张）：请{seconds}秒后再试，或登录后使用。",
                             "Too many chart images from this address (at most {limit} a minute without signing "
                             "in): try again in {seconds} s, or sign in."),
    "rate_limited": ("此地址本小时内生成的简报已达上限（未登录时每小时最多{limit}份）：请稍后再试，或登录后生成。",
                     "This address has asked for as many briefings as it may this hour (at most {limit} without "
                     "signing in): try again later, or sign in."),
}
