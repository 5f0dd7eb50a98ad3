import { useParams } from 'react-router-dom';
import { TaskDetailView } from '../../components/tasks/task-detail';
import { usePageTitle } from '../../app/page-title';

/** /tasks/:taskId */
export default function TaskPage() {
  usePageTitle('tasks');
  const { taskId } = useParams();
  return <TaskDetailView taskId={taskId!} />;
}
