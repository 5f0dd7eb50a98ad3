import { Controller, Module, Res } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { BullMqDriver, QueueDriver } from '@app/queue';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { CommonException, DomainException } from '../common/domain.exception';
import { AuthModule } from '../auth/auth.module';
import { TokenService } from '../auth/token.service';
import { SessionRegistry } from '../auth/session-registry';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'htt_queues';

class QueueDashboardUnavailable extends DomainException<'queue_dashboard_unavailable'> {
  get status() {
    return 409;
  }
}

/**
 * bull-board, for administrators. The dashboard is a page the browser opens
 * by itself, so it cannot send the bearer token: an administrator asks this
 * endpoint for a short-lived cookie scoped to the dashboard's path.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller()
export class QueueDashboardController {
  constructor(
    private readonly queue: QueueDriver,
    private readonly tokens: TokenService,
  ) {}

  @ApiRoute('admin.queueSession')
  session(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    if (!(this.queue instanceof BullMqDriver)) {
      throw new QueueDashboardUnavailable('queue_dashboard_unavailable', 'Jobs run inside the api on this installation (no REDIS_URL): there is no queue to show');
    }
    res.cookie(COOKIE, this.tokens.signAccess(user.id, user.sessionId, user.roles), {
      httpOnly: true,
      sameSite: 'strict',
      path: QUEUE_DASHBOARD_PATH,
      maxAge: this.tokens.accessTtlSeconds * 1000,
    });
    return { url: QUEUE_DASHBOARD_PATH };
  }
}

/** Mounts bull-board at /admin/queues behind the administrator cookie, when jobs run on BullMQ. */
export function mountQueueDashboard(app: NestExpressApplication) {
  const queue = app.get(QueueDriver);
  if (!(queue instanceof BullMqDriver)) return;
  const tokens = app.get(TokenService);
  const sessions = app.get(SessionRegistry);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queue.allQueues().map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'Hàng đợi công việc' } } });
  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = tokens.verifyAccess(req.cookies?.[COOKIE]);
      const user = await sessions.user(token.accountId, token.sessionId);
      if (!user.roles.some((r) => r.role === 'admin')) throw CommonException.forbidden('Only administrators may see the job queues');
      next();
    } catch (err) {
      const status = err instanceof DomainException ? err.status : 401;
      res.status(status).type('text/plain; charset=utf-8').send('Mở trang này từ ứng dụng (Quản trị → Hàng đợi công việc) bằng tài khoản quản trị.\nOpen this page from the web app (Admin → Job queues) as an administrator.');
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, serverAdapter.getRouter());
}

@Module({ imports: [AuthModule], controllers: [QueueDashboardController] })
export class QueueDashboardModule {}
