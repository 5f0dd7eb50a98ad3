import { DisplayScreen } from '../../components/display/display-screen';

/** /man-hinh — the hall display, public: no account, paired by a code (issue 16). */
export default function DisplayPage() {
  return <DisplayScreen />;
}
