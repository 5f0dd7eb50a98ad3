import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { Name, plainName } from './name';

describe('Name: a stored name shown inert', () => {
  it('isolates the name and drops its bidi controls', () => {
    expect(renderToStaticMarkup(<Name text={'Hà Thị Lan\u202Egnp.exe'} />)).toBe('<bdi>Hà Thị Langnp.exe</bdi>');
    expect(renderToStaticMarkup(<p>Đại biểu <Name text={'\u2067Nguyễn Văn A\u2069'} />, Sở Ngoại vụ</p>)).toBe('<p>Đại biểu <bdi>Nguyễn Văn A</bdi>, Sở Ngoại vụ</p>');
  });

  it('renders nothing for a missing name, and strips inside strings too', () => {
    expect(renderToStaticMarkup(<Name text={null} />)).toBe('');
    expect(plainName('Trần\u202D Văn B')).toBe('Trần Văn B');
    expect(plainName(undefined)).toBe('');
  });
});
